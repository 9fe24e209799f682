"""Public figures: praise aimed at them is not the spotlight the seeds ask for.

"Highlighting the activities of celebrities or others in your industry that you hope will
notice your mention of them is not the same as promoting the people whom you know
personally." The small model knows no one; this is a short list of the names posts about
work mention most (heads of state, founders and chief executives, entertainers, athletes,
authors of business books), matched on a person's full name or a surname said alone.
"""

from __future__ import annotations

# fmt: off
PUBLIC_FIGURES = frozenset(
    """
    barack obama|michelle obama|joe biden|donald trump|kamala harris|hillary clinton|bill clinton
    rishi sunak|keir starmer|boris johnson|theresa may|emmanuel macron|angela merkel
    justin trudeau|narendra modi|volodymyr zelensky|vladimir putin|xi jinping|jacinda ardern
    nelson mandela|martin luther king|winston churchill|abraham lincoln|gandhi|dalai lama
    pope francis|queen elizabeth|king charles|prince harry|meghan markle
    elon musk|jeff bezos|bill gates|steve jobs|tim cook|mark zuckerberg|sundar pichai
    satya nadella|sam altman|jensen huang|warren buffett|charlie munger|richard branson
    jack dorsey|larry page|sergey brin|sheryl sandberg|marissa mayer|jack ma|reid hoffman
    peter thiel|marc andreessen|paul graham|naval ravikant|gary vaynerchuk|gary vee
    simon sinek|brene brown|brené brown|adam grant|seth godin|malcolm gladwell|tony robbins
    james clear|cal newport|yuval noah harari|daniel kahneman|peter drucker|jim collins
    stephen covey|dale carnegie|ray dalio|mel robbins|arianna huffington|indra nooyi
    phil knight|howard schultz|jack welch|lee iacocca|steve ballmer|susan wojcicki
    oprah winfrey|oprah|kim kardashian|kanye west|taylor swift|beyonce|beyoncé|rihanna
    lady gaga|drake|ed sheeran|adele|billie eilish|harry styles|justin bieber|bad bunny
    tom hanks|keanu reeves|leonardo dicaprio|dwayne johnson|the rock|ryan reynolds
    jennifer aniston|meryl streep|denzel washington|morgan freeman|zendaya|timothée chalamet
    serena williams|venus williams|roger federer|rafael nadal|novak djokovic|lebron james
    michael jordan|kobe bryant|tom brady|cristiano ronaldo|lionel messi|usain bolt
    simone biles|tiger woods|lewis hamilton|david beckham|muhammad ali|kylian mbappe
    albert einstein|stephen hawking|marie curie|neil degrasse tyson|greta thunberg
    mrbeast|joe rogan|jimmy fallon|jimmy kimmel|trevor noah|ellen degeneres
    """.replace("\n", "|").split("|")
)
# fmt: on
_PUBLIC = {name.strip() for name in PUBLIC_FIGURES if name.strip()}
# Surnames said alone ("Loved Obama's speech", "Musk says…"), when no one else shares them.
_SURNAMES = {name.split()[-1] for name in _PUBLIC if " " in name and len(name.split()[-1]) > 4}
_SURNAMES -= {"williams", "johnson", "james", "brown", "grant", "clear", "covey"}


def is_public_figure(name: str) -> bool:
    """Whether a written name (not an @handle) is one of the public figures listed."""
    key = " ".join(name.casefold().replace("’s", "").replace("'s", "").split())
    return key in _PUBLIC or key in _SURNAMES
