"""The English pipeline and how drafts are parsed with it.

- :mod:`.pipeline`: loads the spaCy pipeline once, with a tokenizer fitted to social posts;
- :mod:`.attributes`: the attribute ruler's patterns applied by dictionary lookup;
- :mod:`.segments`: drafts parsed segment by segment, with a cache for typing.
"""

from .pipeline import (
    PREFERRED_MODELS,
    SOCIAL_TOKEN,
    ModelNotFound,
    load_pipeline,
    merge_emoji,
    model_name,
)
from .segments import DraftParser, parse_many, split_segments

__all__ = [
    "PREFERRED_MODELS",
    "SOCIAL_TOKEN",
    "DraftParser",
    "ModelNotFound",
    "load_pipeline",
    "merge_emoji",
    "model_name",
    "parse_many",
    "split_segments",
]
