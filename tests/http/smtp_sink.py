"""A mail server for the tests: aiosmtpd (Debian's python3-aiosmtpd) on loopback, writing
each mail it receives as JSON into a directory, parsed with Python's own e-mail parser:

    python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIRECTORY
"""
import email
import json
import os
import pathlib
import time
from email import policy


class Sink:
    def __init__(self, directory):
        self.dir = pathlib.Path(directory)
        self.count = 0

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes the directory to write to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        out = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "from": str(msg.get("From", "")),
            "to": str(msg.get("To", "")),
            "subject": str(msg.get("Subject", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "content_language": str(msg.get("Content-Language", "")),
            "content_type": msg.get_content_type(),
            "text": "",
            "attachments": [],
        }
        for part in msg.walk():
            if part.is_multipart():
                continue
            if part.get_filename():
                content = part.get_content()
                if isinstance(content, bytes):
                    content = content.decode("utf-8")
                out["attachments"].append({"filename": part.get_filename(),
                                           "content_type": part.get_content_type(),
                                           "content": content})
            elif part.get_content_type() == "text/plain":
                out["text"] += part.get_content()
        self.count += 1
        name = "%d-%d-%d.json" % (time.time_ns(), os.getpid(), self.count)
        tmp = self.dir / (name + ".tmp")
        tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        tmp.rename(self.dir / name)
        return "250 Message accepted for delivery"
