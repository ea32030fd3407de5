"""Answers that arrive by e-mail: a saved .eml (RFC 5322) or Outlook .msg.

`.eml` is read with the standard library's email package. `.msg` is an OLE compound file; it is read
with olefile (BSD) from the MAPI property streams Outlook writes (subject 0037, body 1000, sender
0C1A/0C1F/5D01, attachments __attach_version1.0_#n with 3707 name and 3701 data, the date from the
transport headers 007D or PR_CLIENT_SUBMIT_TIME 0039). extract-msg would do the same but is GPL.

Only what a registrator needs is kept: who sent it, when it arrived, the subject, the text, and the
attached files (name and bytes, bounded in number and size).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path

from .errors import DocumentError

MAIL_SUFFIXES = {".eml", ".msg"}
MAX_ATTACHMENTS = 50
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
# Attachment names that say "this is the answer" (over a cover letter or an appendix).
_ANSWER_NAME_RE = re.compile(r"remissvar|yttrande|svar|remiss|beslut|protokoll|tjänsteutlåtande", re.IGNORECASE)
_APPENDIX_NAME_RE = re.compile(r"bilaga|missiv|följebrev|protokollsutdrag|reservation|underlag", re.IGNORECASE)


@dataclass
class MailAttachment:
    name: str
    data: bytes


@dataclass
class Mail:
    subject: str = ""
    sender_name: str = ""
    sender_email: str = ""
    recipients: list[str] = field(default_factory=list)
    sent: datetime | None = None
    body: str = ""
    attachments: list[MailAttachment] = field(default_factory=list)

    def answer_attachment(self) -> MailAttachment | None:
        """The attachment that is the remissvar: a PDF/DOCX, named like an answer rather than an
        appendix; among equals the first (Outlook keeps the order the sender attached them in)."""
        # A PDF or DOCX is how an answer is sent; a plain-text attachment only when it is named
        # like one (a stray notes.txt is a bilaga, and then the mail's own text is the answer).
        docs = [
            a for a in self.attachments
            if a.name.lower().endswith((".pdf", ".docx"))
            or (a.name.lower().endswith(".txt") and _ANSWER_NAME_RE.search(a.name))
        ]
        if not docs:
            return None

        def rank(a: MailAttachment) -> tuple[int, int]:
            low = a.name.lower()
            kind = 0 if low.endswith((".pdf", ".docx")) else 1
            if _APPENDIX_NAME_RE.search(a.name) and not re.search(r"remissvar|yttrande", low):
                return (2 + kind, 0)
            return (0 if _ANSWER_NAME_RE.search(a.name) else 1) + kind, 0

        return min(docs, key=rank)


# Header bounds checked before the e-mail package sees a byte: its header parsing grows with the
# square of a header's size (50,000 encoded words in an 800 KB Subject took 19.6 GB), so a header
# no real mail has is refused up front. Real mails stay far below: long References or To lines
# are a few KB, the whole header block seldom 50 KB.
MAX_HEADER_BLOCK = 256 * 1024
MAX_HEADER_FIELD = 64 * 1024
MAX_HEADER_FIELDS = 1000
MAX_NAME_BYTES = 150  # an attachment's name, in UTF-8: a file system takes 255
STOCKHOLM = "Europe/Stockholm"


def read_mail(path: Path, data: bytes) -> Mail:
    """The mail in `data`, read in a bounded child process (see contained.py); DocumentError if not."""
    from .contained import run_contained

    return run_contained("remisstui.formats.document.mail:_read_mail_here", path, data, name=path.name)


def _read_mail_here(path: Path, data: bytes) -> Mail:
    try:
        if path.suffix.lower() == ".msg" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            mail = _read_msg(path, data)
        else:
            _check_headers(path, data)
            mail = _read_eml(path, data)
    except DocumentError:
        raise
    except MemoryError:
        raise DocumentError(f"{path.name} är för stort för att läsas som e-post.") from None
    except Exception:  # noqa: BLE001 - the e-mail parsers leak many kinds on hostile input
        raise DocumentError(f"{path.name} kan inte läsas som e-post (filen är trasig).") from None
    mail.sent = _gate_date(path, mail.sent)
    for a in mail.attachments:
        a.name = safe_attachment_name(a.name)
    return mail


def _check_headers(path: Path, data: bytes) -> None:
    """Refuse a header block, a header field or a count of fields no real mail has."""
    head = data[: MAX_HEADER_BLOCK + 4]
    end = min((i for i in (head.find(b"\n\n"), head.find(b"\r\n\r\n")) if i >= 0), default=-1)
    if end < 0 and len(data) > MAX_HEADER_BLOCK:
        raise DocumentError(
            f"{path.name} har ett brevhuvud större än {MAX_HEADER_BLOCK // 1024} KB och läses inte (ingen riktig e-post har det)."
        )
    block = head if end < 0 else head[:end]
    fields = 0
    size = 0
    for line in block.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            size += len(line)
        else:
            fields += 1
            size = len(line)
        if size > MAX_HEADER_FIELD:
            raise DocumentError(
                f"{path.name} har ett fält i brevhuvudet som är större än {MAX_HEADER_FIELD // 1024} KB och läses inte."
            )
    if fields > MAX_HEADER_FIELDS:
        raise DocumentError(f"{path.name} har fler än {MAX_HEADER_FIELDS} fält i brevhuvudet och läses inte.")


def _gate_date(path: Path, sent: datetime | None) -> datetime | None:
    """The mail's date in Stockholm's time, inside the dates remisstui accepts; DocumentError if not.

    The day a mail arrived is Stockholm's day: 23:33 +0000 on 6 December is 7 December here."""
    from ...domain.dates import in_range, out_of_range_message

    if sent is None:
        return None
    if sent.tzinfo is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            sent = sent.astimezone(ZoneInfo(STOCKHOLM))
        except ZoneInfoNotFoundError:  # no time zone data at all: the header's own zone
            pass
        except (OverflowError, ValueError):
            raise DocumentError(f"{path.name}: e-postens datum kan inte tolkas och registreras inte.") from None
    if not in_range(sent):
        raise DocumentError(f"{path.name}: e-postens datum är orimligt. {out_of_range_message(sent)}; inget registrerades.")
    return sent


def safe_attachment_name(name: str) -> str:
    """An attachment's name as a file name any system takes: no path, no control characters, not
    more than MAX_NAME_BYTES bytes (the suffix is kept, it says what the file is)."""
    name = "".join(c for c in str(name) if c.isprintable() and c not in "/\\").strip().strip(".") or "bilaga"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem, dot, suffix = name.rpartition(".")
        suffix = suffix[:10] if dot and stem else ""
        keep = stem if suffix else name
        while keep and len((keep + ("." + suffix if suffix else "")).encode("utf-8")) > MAX_NAME_BYTES:
            keep = keep[:-1]
        name = (keep.rstrip() or "bilaga") + ("." + suffix if suffix else "")
    return name


# --- .eml ------------------------------------------------------------------------------------


def _read_eml(path: Path, data: bytes) -> Mail:
    from email import policy
    from email.parser import BytesParser

    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception:  # the parser is lenient; this is a last guard
        raise DocumentError(f"{path.name} kan inte läsas som e-post.") from None
    if not (msg.get("From") or msg.get("Subject") or msg.get("Date")):
        raise DocumentError(f"{path.name} är inget e-postmeddelande (saknar From, Subject och Date).")
    mail = Mail(subject=_header(msg, "Subject").strip())
    try:
        name, addr = parseaddr(_header(msg, "From"))
    except (ValueError, IndexError, RecursionError):
        name, addr = "", ""
    mail.sender_name, mail.sender_email = name.strip(), addr.strip().lower()
    try:
        mail.recipients = [a.lower() for _, a in getaddresses([_header(msg, h) for h in ("To", "Cc")]) if a]
    except (ValueError, IndexError, RecursionError):
        mail.recipients = []
    date_text = _header(msg, "Date")
    try:
        mail.sent = parsedate_to_datetime(date_text) if date_text else None
    except (TypeError, ValueError, IndexError, OverflowError):
        mail.sent = None
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        try:
            text = body.get_content()
        except (LookupError, ValueError, AssertionError):
            text = body.get_payload(decode=True).decode("latin-1", errors="replace") if body.get_payload(decode=True) else ""
        if body.get_content_type() == "text/html":
            text = _html_to_text(text)
        mail.body = text
    for part in msg.iter_attachments():
        if len(mail.attachments) >= MAX_ATTACHMENTS:
            break
        fname = part.get_filename() or ""
        payload = part.get_payload(decode=True) or b""
        if fname and len(payload) <= MAX_ATTACHMENT_BYTES:
            mail.attachments.append(MailAttachment(Path(fname).name, payload))
    return mail


def _header(msg, name: str) -> str:
    """A header's text; one the parser chokes on (`To: x@`, 100,000 "(") is taken as raw text."""
    try:
        return str(msg.get(name) or "")
    except (ValueError, IndexError, TypeError, RecursionError, LookupError, AttributeError):
        # The parser keeps the source text of each field until it is asked for.
        for key, value in getattr(msg, "_headers", []):
            if key.lower() == name.lower():
                return " ".join(str(value).split())
        return ""


def _html_to_text(html: str) -> str:
    import html as html_mod

    text = re.sub(r"(?is)<(script|style)[^>]{0,200}>.{0,100000}?</\1>", " ", html[:2_000_000])
    text = re.sub(r"(?i)<br\s{0,5}/?>|</p>|</div>|</tr>|</h[1-6]>", "\n", text)
    text = re.sub(r"<[^>]{0,2000}>", " ", text)
    return html_mod.unescape(text)


# --- .msg ------------------------------------------------------------------------------------

_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=timezone.utc)


def _read_msg(path: Path, data: bytes) -> Mail:
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except (OSError, ValueError, struct.error, IndexError):
        raise DocumentError(f"{path.name} är ingen giltig Outlook-fil (.msg).") from None
    try:
        def stream(prefix: str, prop: str) -> str:
            for typ, enc in (("001F", "utf-16-le"), ("001E", "cp1252")):
                name = f"{prefix}__substg1.0_{prop}{typ}"
                if ole.exists(name):
                    raw = ole.openstream(name).read(4 * 1024 * 1024)
                    return raw.decode(enc, errors="replace").rstrip("\x00")
            return ""

        mail = Mail(subject=stream("", "0037").strip())
        mail.sender_name = stream("", "0C1A").strip() or stream("", "0042").strip()
        addr = stream("", "5D01") or stream("", "0C1F") or stream("", "0065")
        mail.sender_email = addr.strip().lower() if "@" in addr else ""
        mail.body = stream("", "1000")
        if not mail.body.strip():
            # Outlook may keep only the HTML body (PR_HTML, 1013: binary in the sender's code
            # page, or a string); its text is the mail's text.
            html = stream("", "1013")
            if not html and ole.exists("__substg1.0_10130102"):
                html = ole.openstream("__substg1.0_10130102").read(4 * 1024 * 1024).decode("utf-8", errors="replace")
            if html.strip():
                mail.body = _html_to_text(html)
        headers = stream("", "007D")
        if headers:
            from email.parser import HeaderParser

            h = HeaderParser().parsestr(headers)
            if not mail.sender_email and h.get("From"):
                mail.sender_email = parseaddr(h["From"])[1].lower()
            try:
                mail.sent = parsedate_to_datetime(h["Date"]) if h.get("Date") else None
            except (TypeError, ValueError, IndexError, OverflowError):
                mail.sent = None
        if mail.sent is None:
            mail.sent = _msg_time(ole)
        for entry in ole.listdir(streams=False, storages=True):
            top = entry[0]
            if top.startswith("__recip_version1.0_"):
                a = stream(top + "/", "39FE") or stream(top + "/", "3003")
                if "@" in a:
                    mail.recipients.append(a.strip().lower())
        for entry in sorted({e[0] for e in ole.listdir() if e[0].startswith("__attach_version1.0_")}):
            if len(mail.attachments) >= MAX_ATTACHMENTS:
                break
            name = stream(entry + "/", "3707") or stream(entry + "/", "3704")
            data_name = f"{entry}/__substg1.0_37010102"
            if name and ole.exists(data_name):
                size = ole.get_size(data_name)
                if size <= MAX_ATTACHMENT_BYTES:
                    mail.attachments.append(MailAttachment(Path(name).name, ole.openstream(data_name).read()))
        return mail
    except (OSError, ValueError, struct.error, IndexError, KeyError):
        raise DocumentError(f"{path.name} är en trasig Outlook-fil (.msg).") from None
    finally:
        ole.close()


def _msg_time(ole) -> datetime | None:
    """PR_MESSAGE_DELIVERY_TIME (0E06) or PR_CLIENT_SUBMIT_TIME (0039) from the property stream."""
    if not ole.exists("__properties_version1.0"):
        return None
    raw = ole.openstream("__properties_version1.0").read(1024 * 1024)
    found: dict[int, datetime] = {}
    for i in range(32, len(raw) - 15, 16):
        ptype, pid = struct.unpack_from("<HH", raw, i)
        if ptype == 0x0040 and pid in (0x0E06, 0x0039):
            (ft,) = struct.unpack_from("<Q", raw, i + 8)
            if ft:
                try:
                    found[pid] = _FILETIME_EPOCH + timedelta(microseconds=ft // 10)
                except OverflowError:  # all ones: far beyond year 9999
                    raise DocumentError("E-postens datum (FILETIME) ligger långt efter år 9999; inget registrerades.") from None
    return found.get(0x0E06) or found.get(0x0039)
