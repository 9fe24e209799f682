"""One rule per module. The registry (:mod:`companion.scoring.registry`) lists them."""
