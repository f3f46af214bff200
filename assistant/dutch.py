"""Dutch linguistic analysis: tokens with lemma, part-of-speech tag and chunk, from Frog.

Frog (CLST; Debian ``frog`` + ``frogdata``) runs as a server (``frog -S PORT``) that this module starts
lazily, once per process, on a free port, with only the modules the flows need (tokeniser, tagger,
lemmatiser, chunker). Its tags are CGN tags ("N(soort,mv,basis)", "WW(pv,tgw,ev)"). When Frog cannot
start (not installed, too slow), a Dutch message is logged once and a small rule-based analyser takes
over: closed word classes from ``assistant/data/dutch_closed_classes.toml``, everything else that is
not a frequent word counts as a noun. It is honest about it: ``Analysis.analyser`` says "regels".

Usage::

    analysis = analyse("Leerlingen in 3 vmbo komen te laat in het eerste uur.")
    [p.text for p in analysis.noun_phrases()]   # ["Leerlingen", "3 vmbo", "eerste uur"]
    [t.lemma for t in analysis.tokens if t.is_noun]  # ["leerling", "uur"]
    analyser().message                          # None, or why the rules are used instead of Frog
"""

from __future__ import annotations

import atexit
import logging
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from wordfreq import zipf_frequency

from assistant.lexical import COMPOUND_PART_ZIPF
from assistant.settings import Settings, get_settings

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
# Frog modules left out: multi-word units (m), parser (p), named entities (n), morphology (a). The
# flows need tokens, tags, lemmas and chunks; skipping these took start-up from about 15 s to 10 s and
# a praktijkvraag from ~400 to 150-250 ms (measured on this 2-core machine under load).
SKIP_MODULES = "mpna"
_READY = b"READY"
_LISTENING = "Listening on port"
FROG_UNAVAILABLE = (
    "De Nederlandse taalanalyse (Frog) is niet beschikbaar: {reden}. De assistent gebruikt nu een "
    "eenvoudiger analyse met woordlijsten; kennisvragen en zoektermen kunnen minder precies zijn. "
    "Installeer Frog met `make frog` (Debian-pakketten frog en frogdata) en start de assistent opnieuw."
)
_CLOSED = Path(__file__).parent / "data" / "dutch_closed_classes.toml"
# Fallback only: a word not in a closed class is a noun unless it is this frequent in Dutch. Frequent
# open-class words say how, not what ("vaak" 5.6, "tijd" 6.0); topic words stay below ("ouders" 5.3,
# "lezen" 5.3, "brugklas" 3.1). The same cut-off served the earlier word-based kennisvraag.
_CONTENT_ZIPF = 5.45
_FALLBACK_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = {".", "?", "!"}
_DETERMINER_TAGS = {"LID", "VNW"}


@dataclass(frozen=True)
class Token:
    """One word: ``pos`` is the CGN tag ("N(soort,mv,basis)"), ``chunk`` the IOB base phrase ("B-NP")."""

    text: str
    lemma: str
    pos: str
    chunk: str = "O"

    @property
    def tag(self) -> str:
        """The word class: "N", "WW", "ADJ", "BW", "VZ", "LID", "VNW", "VG", "TW", "SPEC", "LET", "TSW"."""
        return self.pos.split("(", 1)[0]

    @property
    def features(self) -> tuple[str, ...]:
        inner = self.pos.partition("(")[2].rstrip(")")
        return tuple(f for f in inner.split(",") if f)

    @property
    def is_noun(self) -> bool:
        """A common noun, or a name/abbreviation that stands for one ("vmbo", "bpv", "ICT", "ChatGPT")."""
        return self.tag == "N" or (
            self.tag == "SPEC" and (bool({"deeleigen", "afk"} & set(self.features)) or self.is_product)
        )

    @property
    def is_product(self) -> bool:
        """A product's name, written with a capital inside a word part that is not all capitals
        ("ChatGPT", "TikTok", "PowerPoint"); a course's name is in title case or an abbreviation
        ("Software Development", "Verzorgende-IG")."""
        return self.tag == "SPEC" and any(
            part[1:] != part[1:].lower() and part != part.upper() for part in self.text.split("-")
        )

    @property
    def is_verb(self) -> bool:
        return self.tag == "WW"

    @property
    def is_finite_verb(self) -> bool:
        """An inflected verb form ("komt", "liep"), not an infinitive or participle."""
        return self.is_verb and "pv" in self.features

    @property
    def is_infinitive(self) -> bool:
        return self.is_verb and "inf" in self.features

    @property
    def is_participle(self) -> bool:
        """Past ("vergeten", "gemist") or present ("teruglopende") participle."""
        return self.is_verb and bool({"vd", "od"} & set(self.features))

    @property
    def is_adjective(self) -> bool:
        return self.tag == "ADJ"

    @property
    def is_function_word(self) -> bool:
        """Articles, pronouns, prepositions, conjunctions, adverbs, numbers, punctuation, interjections."""
        return self.tag in {"LID", "VNW", "VZ", "VG", "BW", "TW", "LET", "TSW"}

    @property
    def begins_chunk(self) -> bool:
        return self.chunk.startswith("B-") or self.chunk == "O"


@dataclass(frozen=True)
class Phrase:
    """A run of tokens: a noun phrase without its leading articles and pronouns ("eerste uur")."""

    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def lemma(self) -> str:
        """The phrase with its head noun in its base form: "teruglopende aanmelding"."""
        words = [t.text.lower() if t.tag != "SPEC" else t.text for t in self.tokens]
        if (head := self.head) is not None:
            words[self.tokens.index(head)] = head.lemma if head.tag != "SPEC" else head.text
        return " ".join(words)

    @property
    def head(self) -> Token | None:
        """The last noun: Dutch noun phrases end in their head ("het aantal aanmeldingen" → aanmeldingen)."""
        nouns = [t for t in self.tokens if t.is_noun]
        return nouns[-1] if nouns else None


@dataclass(frozen=True)
class Analysis:
    """The tokens of a text per sentence, from ``analyser`` ("frog", or "regels" for the fallback)."""

    sentences: tuple[tuple[Token, ...], ...]
    analyser: str = "frog"

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(t for sentence in self.sentences for t in sentence)

    def noun_phrases(self) -> list[Phrase]:
        """Base noun phrases holding a noun, in order, without leading articles/pronouns/numbers-as-
        determiners ("het aantal aanmeldingen" → "aantal aanmeldingen"; "3 vmbo" keeps its number)."""
        phrases = []
        for sentence in self.sentences:
            chunks = list(_chunks(sentence, "NP"))
            inside = {id(t) for chunk in chunks for t in chunk}
            # A noun the chunker left outside every phrase ("lopen stage" → O) or put in a fixed
            # expression ("mee in [het schooladvies]" VAST: the reader decides whether it is one) is a
            # phrase of its own; one it put in a verb phrase is taken as the chunker says ("haken" in
            # "Studenten haken af").
            chunks += [
                (t,)
                for t in sentence
                if t.is_noun and (t.chunk == "O" or t.chunk.endswith("-VAST")) and id(t) not in inside
            ]
            order = {id(t): i for i, t in enumerate(sentence)}
            for chunk in sorted(chunks, key=lambda c: order[id(c[0])]):
                # A product's name after the noun is a phrase of its own ("studenten Software Development
                # | ChatGPT (te laten gebruiken)"): the chunker runs the two objects of "laten" together.
                cuts = [
                    i for i, t in enumerate(chunk) if i and t.is_product and chunk[i - 1].tag in {"N", "SPEC"}
                ]
                # A preposition after a noun opens what narrows it down ("uitval [in jaar 1]"), a phrase
                # of its own: a base noun phrase ends in its head, and the chunker may run the two together.
                opens = {
                    i for i, t in enumerate(chunk) if t.tag == "VZ" and any(x.is_noun for x in chunk[:i])
                }
                cuts = sorted({*cuts, *opens})
                for part in (
                    chunk[a + (a in opens) : b] for a, b in zip([0, *cuts], [*cuts, len(chunk)], strict=True)
                ):
                    words = _strip_determiners(part)
                    # … and a verb it ran on after the head ("de eerste tien weken [afhaken]") is the
                    # clause's, not the phrase's.
                    while len(words) > 1 and words[-1].is_verb:
                        words = words[:-1]
                    if any(t.is_noun for t in words):
                        phrases.append(Phrase(words))
        return phrases

    def content_lemmas(self) -> list[str]:
        """Lemmas of nouns, adjectives and verbs that are not auxiliaries, in order, once each."""
        return list(dict.fromkeys(t.lemma.lower() for t in self.tokens if t.is_noun or t.is_adjective))


def _chunks(sentence: Sequence[Token], kind: str) -> Iterable[tuple[Token, ...]]:
    """The spans of one chunk kind ("NP") in IOB order."""
    span: list[Token] = []
    for token in sentence:
        if span and (token.chunk != f"I-{kind}"):
            yield tuple(span)
            span = []
        if token.chunk == f"B-{kind}" or (token.chunk == f"I-{kind}" and not span and token.is_noun):
            span = [token]
        elif token.chunk == f"I-{kind}" and span:
            span.append(token)
    if span:
        yield tuple(span)


def _strip_determiners(words: tuple[Token, ...]) -> tuple[Token, ...]:
    start = 0
    while start < len(words) - 1 and (
        words[start].tag in _DETERMINER_TAGS or (words[start].tag == "BW" and not words[start + 1].is_noun)
    ):
        start += 1
    return words[start:]


_NOUN_SUFFIXES = ("schap", "heid", "teit", "isme")
_NUMBER_MARK = re.compile(r"(\d+)([?!])")


def parse_frog(output: str) -> Analysis:
    """Frog's tab-separated output (index, word, lemma, morphology, tag, confidence, entity, chunk, …);
    an empty line ends a sentence."""
    sentences: list[tuple[Token, ...]] = []
    current: list[Token] = []
    for line in output.splitlines():
        fields = line.split("\t")
        if len(fields) < 5 or not fields[0].isdigit():
            if current:
                sentences.append(tuple(current))
                current = []
            continue
        chunk = fields[8] if len(fields) > 8 and fields[8] else "O"
        tag, word = fields[4], fields[1]
        if (marked := _NUMBER_MARK.fullmatch(word)) is not None:
            # Frog keeps a question mark on a number ("groep 8?") and runs on into the next sentence
            number, mark = marked.groups()
            sentences.append(
                (*current, Token(number, number, "TW(hoofd,vrij)", chunk), Token(mark, mark, "LET()"))
            )
            current = []
            continue
        if len(word) > 1 and word.endswith("'") and any(t.text == "'" for t in current):
            # "bordje 'Hier spreken we Nederlands'": a straight quote opened earlier closes here (Frog
            # keeps it on the word, as on a genitive "Hans'")
            current.append(Token(word[:-1], (fields[2] or word).rstrip("'"), tag, chunk))
            current.append(Token("'", "'", "LET()"))
            continue
        if tag.startswith("ADJ(") and word.lower().endswith(_NOUN_SUFFIXES):
            # Frog tags a rare noun as an adjective now and then ("meer eigenaarschap neemt"); Dutch
            # adjectives never end in these suffixes, so it is a noun, a phrase of its own.
            tag, chunk = "N(soort,ev,basis,stan)", "B-NP"
        elif tag == "SPEC(vreemd)" and word.isalpha() and word.islower() and not zipf_frequency(word, "nl"):
            # a lower-case word neither Frog nor Dutch word counts know ("voorleessoftware") is a new
            # compound, a noun; a borrowed word Dutch uses ("kids", "buddy") stays what Frog says
            tag, chunk = "N(soort,ev,basis,stan)", chunk if chunk != "O" else "B-NP"
        current.append(Token(word, fields[2] or word, tag, chunk))
    if current:
        sentences.append(tuple(current))
    return Analysis(tuple(_verb_first(s) for s in sentences), "frog")


_SUBJECT_START = {"N", "SPEC", "LID", "VNW"}


def _verb_first(sentence: tuple[Token, ...]) -> tuple[Token, ...]:
    """A sentence that opens with an "-en" verb directly followed by its subject is a yes/no question
    with a plural present-tense verb ("Leren kinderen meer van …?", "werken wisbordjes echt?"). Frog
    reads that form as an infinitive there; a Dutch infinitive that opens a sentence is followed by
    its object or a preposition, never by the subject ("Lezen doen ze niet")."""
    if len(sentence) < 2 or not sentence[0].is_infinitive or sentence[1].tag not in _SUBJECT_START:
        return sentence
    first = sentence[0]
    return (Token(first.text, first.lemma, "WW(pv,tgw,mv)", first.chunk), *sentence[1:])


class FrogUnavailableError(RuntimeError):
    """Frog is not installed, did not start in time, or stopped answering (the message says which)."""


class FrogServer:
    """``frog -S PORT`` on loopback as a child process, in its own scratch folder (Frog writes debug
    files where it runs). Note that Frog itself listens on every interface; the port is a random free one.

    Usage::

        server = FrogServer(start_timeout_s=60)
        port = server.start()   # blocks until Frog listens (about 10 s)
        ...
        server.stop()
    """

    def __init__(self, command: str = "frog", start_timeout_s: float = 90.0) -> None:
        if start_timeout_s <= 0:
            raise ValueError("start_timeout_s must be positive")
        self.command = command
        self.start_timeout_s = start_timeout_s
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def start(self) -> int:
        """Start Frog and wait until it listens; the port. Raises ``FrogUnavailableError``."""
        executable = shutil.which(self.command)
        if executable is None:
            raise FrogUnavailableError(f"het programma '{self.command}' is niet geïnstalleerd")
        self._dir = tempfile.TemporaryDirectory(prefix="frog-")
        port = _free_port()
        errors = Path(self._dir.name) / "frog.log"
        with errors.open("wb") as sink:
            self._proc = subprocess.Popen(
                [executable, f"--skip={SKIP_MODULES}", "-S", str(port)],
                cwd=self._dir.name,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=sink,
            )
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                tail = _read_log(errors).strip().splitlines()[-1:]
                self.stop()
                raise FrogUnavailableError(
                    f"Frog stopte bij het starten ({' '.join(tail) or 'geen melding'})"
                )
            if _LISTENING in _read_log(errors):
                self.port = port
                return port
            time.sleep(0.1)
        self.stop()
        raise FrogUnavailableError(f"Frog was na {self.start_timeout_s:.0f} seconden nog niet gestart")

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            # Frog's server did not react to SIGTERM within 7 s here; it keeps nothing to save.
            self._proc.terminate()
            try:
                self._proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._proc = None
        self.port = None
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None


def _read_log(path: Path) -> str:
    """Frog's log so far; "" once it is gone (the process is exiting and removed the temporary folder
    while a background start still waited: nothing is listening then)."""
    try:
        return path.read_text(errors="replace")
    except OSError:
        return ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


class FrogClient:
    """One kept-open connection to a Frog server (a new connection costs Frog a few seconds; a text on
    an open one 150-250 ms). Thread-safe: one text at a time.

    Usage::

        client = FrogClient(port=9999)
        client.analyse("Hoe zorgen we dat leerlingen hun spullen niet vergeten?").noun_phrases()
    """

    def __init__(self, port: int, host: str = LOOPBACK, timeout_s: float = 30.0) -> None:
        if not 0 < port < 65536:
            raise ValueError(f"port must be 1-65535, not {port}")
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self._sock: socket.socket | None = None
        self._reader = None
        self._lock = threading.Lock()

    def analyse(self, text: str) -> Analysis:
        """Raises ``FrogUnavailableError`` when the server does not answer within the timeout."""
        # One line: the server reads until a line "EOT"; the text's own line breaks are not sentences.
        line = " ".join(text.split())
        if not line:
            return Analysis((), "frog")
        with self._lock:
            try:
                return parse_frog(self._ask(line))
            except OSError as exc:
                self._close()
                raise FrogUnavailableError(f"Frog antwoordde niet ({exc})") from exc

    def _ask(self, line: str) -> str:
        if self._sock is None:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
            self._reader = self._sock.makefile("rb")
        assert self._reader is not None
        self._sock.sendall(line.encode("utf-8") + b"\nEOT\n")
        lines = []
        while (received := self._reader.readline()) and received.strip() != _READY:
            lines.append(received.decode("utf-8", errors="replace"))
        if not received:
            raise ConnectionError("verbinding verbroken")
        return "".join(lines)

    def _close(self) -> None:
        for part in (self._reader, self._sock):
            if part is not None:
                part.close()
        self._sock = self._reader = None

    def close(self) -> None:
        with self._lock:
            self._close()


class RuleAnalyser:
    """The fallback when Frog cannot run: closed word classes from a lexicon, infinitives after "te"
    and modal verbs, every other infrequent word a noun (lemma: the word itself), adjacent nouns one
    noun phrase. Conservative: it finds fewer noun phrases than Frog, never function words as nouns.

    Usage::

        RuleAnalyser().analyse("Hoe vergroten we de woordenschat?").noun_phrases()  # [woordenschat]
    """

    def __init__(self, lexicon: Path = _CLOSED) -> None:
        with lexicon.open("rb") as fh:
            classes: dict[str, list[str]] = tomllib.load(fh)
        self.word_class: dict[str, str] = {}
        for tag, words in classes.items():
            for word in words:
                self.word_class.setdefault(word, tag)

    def analyse(self, text: str) -> Analysis:
        sentences: list[tuple[Token, ...]] = []
        current: list[Token] = []
        for word in _FALLBACK_TOKEN.findall(text):
            current.append(self._token(word, current[-1] if current else None))
            if word in _SENTENCE_END:
                sentences.append(_chunk_nouns(current))
                current = []
        if current:
            sentences.append(_chunk_nouns(current))
        return Analysis(tuple(sentences), "regels")

    def _token(self, word: str, before: Token | None) -> Token:
        lower = word.lower()
        if not word[0].isalnum():
            return Token(word, word, "LET()")
        if word[0].isdigit():
            return Token(word, word, "TW(hoofd)")
        if (tag := self.word_class.get(lower)) is not None:
            return Token(word, lower, f"{tag}()")
        after_verb = before is not None and (before.lemma == "te" or before.is_verb)
        if after_verb and lower.endswith("en"):
            return Token(word, lower, "WW(inf)")
        if zipf_frequency(lower, "nl") > _CONTENT_ZIPF:
            return Token(word, lower, "BW()")
        return Token(word, lower, "SPEC(afk)" if word.isupper() and len(word) > 1 else "N(soort)")


def _chunk_nouns(tokens: list[Token]) -> tuple[Token, ...]:
    chunked = []
    for i, token in enumerate(tokens):
        inside = token.is_noun and i > 0 and tokens[i - 1].is_noun
        chunk = "O" if not token.is_noun else ("I-NP" if inside else "B-NP")
        chunked.append(Token(token.text, token.lemma, token.pos, chunk))
    return tuple(chunked)


def _first_contact(client: FrogClient, grace_s: float = 5.0) -> FrogClient:
    """Open the connection (its set-up takes seconds). Frog has refused it right after logging that it
    listens, so a refusal is retried for ``grace_s`` before the rules take over."""
    deadline = time.monotonic() + grace_s
    while True:
        try:
            client.analyse("Dit is een test.")
            return client
        except FrogUnavailableError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class DutchAnalyser:
    """Frog when it runs, else ``RuleAnalyser`` (saying so once, in Dutch, in the log and ``message``).

    With ``port`` it uses a Frog server that already runs; otherwise it starts one on first use.

    Usage::

        nlp = DutchAnalyser.from_settings(get_settings())
        nlp.analyse("Studenten haken af tijdens de bpv.").noun_phrases()
        nlp.close()
    """

    def __init__(
        self,
        port: int | None = None,
        command: str = "frog",
        start_timeout_s: float = 90.0,
        timeout_s: float = 30.0,
    ) -> None:
        if port is not None and not 0 < port < 65536:
            raise ValueError(f"port must be 1-65535, not {port}")
        self.port = port
        self.server = None if port is not None else FrogServer(command, start_timeout_s)
        self.timeout_s = timeout_s
        self.rules = RuleAnalyser()
        self.message: str | None = None  # why the rules answer instead of Frog
        self._client: FrogClient | None = None
        self._started = False
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> DutchAnalyser:
        return cls(settings.frog_port, settings.frog_command, settings.frog_start_timeout_s)

    @property
    def uses_frog(self) -> bool:
        return self.start() is not None

    def start(self) -> FrogClient | None:
        """Start (or connect to) Frog once; the client, or None when the rules must do."""
        with self._lock:
            if not self._started:
                self._started = True
                try:
                    port = self.port if self.server is None else self.server.start()
                    self._client = _first_contact(FrogClient(port, timeout_s=self.timeout_s))
                except FrogUnavailableError as exc:
                    self._give_up(str(exc))
            return self._client

    def analyse(self, text: str) -> Analysis:
        client = self.start()
        if client is not None:
            try:
                return client.analyse(text)
            except FrogUnavailableError as exc:
                with self._lock:
                    self._client = None
                    self._give_up(str(exc))
        return self.rules.analyse(text)

    def _give_up(self, reason: str) -> None:
        self.message = FROG_UNAVAILABLE.format(reden=reason)
        log.warning(self.message)
        if self.server is not None:
            self.server.stop()

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None
            if self.server is not None:
                self.server.stop()


_DEFAULT: DutchAnalyser | None = None
_DEFAULT_LOCK = threading.Lock()


def analyser() -> DutchAnalyser:
    """This process's analyser (Frog is started on its first ``analyse``, stopped at exit)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = DutchAnalyser.from_settings(get_settings())
            atexit.register(_DEFAULT.close)
        return _DEFAULT


def use_analyser(chosen: DutchAnalyser) -> None:
    """Make ``chosen`` this process's analyser (a test's Frog server, or one built from other settings)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        _DEFAULT = chosen
    analyse.cache_clear()


def warm_up() -> None:
    """Start Frog now rather than on the first flow (about 10 s); the app calls it while it starts."""
    analyser().start()


@lru_cache(maxsize=256)
def analyse(text: str) -> Analysis:
    """The analysis of ``text`` by this process's analyser (cached: flows analyse the same text twice),
    with its d/t slips read as meant (``dt_spelled``)."""
    return analyser().analyse(dt_spelled(text))


# A word rarer than a common one (``COMPOUND_PART_ZIPF``, once per million words) is a slip of the d/t
# when its other spelling is a hundred times as frequent ("leverd" 2.0, "levert" 4.6; "wort" 2.7,
# "wordt" 6.4); both spellings of a real pair are frequent ("gebeurd" 4.9, "gebeurt").
_DT_RATIO_ZIPF = 2.0
_DT_WORD = re.compile(r"\b[A-Za-zà-ÿ][a-zà-ÿ]+[dt]\b")  # a word capitalised at a sentence start too


def dt_spelled(text: str) -> str:
    """``text`` with the commonest Dutch spelling slip undone: a verb's ending typed d for t or t for dt
    ("leverd dat wat op?" → "levert"), which Frog would read as an unknown noun."""

    def meant(match: re.Match[str]) -> str:
        word = match.group()
        own = zipf_frequency(word.lower(), "nl")
        if own >= COMPOUND_PART_ZIPF:
            return word
        other = word[:-1] + ("t" if word.endswith("d") else "dt")
        return other if zipf_frequency(other.lower(), "nl") >= own + _DT_RATIO_ZIPF else word

    return _DT_WORD.sub(meant, text)
