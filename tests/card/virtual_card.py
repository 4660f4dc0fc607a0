#!/usr/bin/env python3
"""A virtual eHR Desk test card for vsmartcard's vpcd reader (see docs/test-card-profile.md).

Inserting the card is starting this program; pulling it is stopping it. It connects to the vpcd reader on
localhost on --port (35963 by default; the test harnesses choose a free pair and write pcscd a reader.conf for it:
port = "Virtual PCD 00 00", port + 1 = "Virtual PCD 00 01"), so pcscd must already run.

    virtual_card.py [--identity FILE] [--kind good|foreign|no-app] [--malformed] [--wrong-sw]
                    [--slow-read SECONDS] [--port PORT]

--identity FILE  JSON with the card's fields, as the card stores them (dates YYYYMMDD):
                 {"hkid": "A1234563", "englishSurname": "CHAN", "englishGivenName": "TAI MAN",
                  "chineseName": "陳大文", "dateOfBirth": "19800229", "sex": "M", "dateOfIssue": "20200115"}
                 Default: that sample.
--kind           good: the test-card profile. foreign: another card's ATR and no eHR Desk application.
                 no-app: the test card's ATR, but SELECT of the application answers 6A 82.
--malformed      the record's TLV is broken (a field's length runs past the record's end).
--wrong-sw       READ BINARY answers 6F 00 (no precise diagnosis) instead of data.
--slow-read S    wait S seconds before answering each READ BINARY, so a test can pull the card mid-read.

Needs PYTHONPATH to hold the virtualsmartcard package and a `Crypto` -> Cryptodome symlink folder (the
Rust test harness in src-tauri/card/tests/support/mod.rs sets both up).
"""

import argparse
import json
import logging
import sys
import time

from virtualsmartcard.SmartcardFilesystem import DF, TransparentStructureEF
from virtualsmartcard.VirtualSmartcard import Iso7816OS, VirtualICC

AID = bytes.fromhex("F0454852444553 4B01".replace(" ", ""))  # F0 "EHRDESK" 01
DF_FID = 0xE100
EF_FID = 0x0101
HISTORICAL = b"EHRDESK1"
VERSION = 0x01
TAGS = {
    "hkid": 0x01,
    "englishSurname": 0x02,
    "englishGivenName": 0x03,
    "chineseName": 0x04,
    "dateOfBirth": 0x05,
    "sex": 0x06,
    "dateOfIssue": 0x07,
}
SAMPLE = {
    "hkid": "A1234563",
    "englishSurname": "CHAN",
    "englishGivenName": "TAI MAN",
    "chineseName": "陳大文",
    "dateOfBirth": "19800229",
    "sex": "M",
    "dateOfIssue": "20200115",
}


def record(identity, malformed):
    """The identity record: version, 2-byte body length, then tag-length-value fields."""
    body = b""
    for key, tag in TAGS.items():
        value = identity.get(key, "").encode("utf-8")
        if value:
            body += bytes([tag, len(value)]) + value
    if malformed:
        # The last field claims more bytes than the record holds.
        body += bytes([0x07, 0x40]) + b"2020"
    return bytes([VERSION]) + len(body).to_bytes(2, "big") + body


class TestCardOS(Iso7816OS):
    """The library's ISO 7816 file system, with our ATR and the fault modes."""

    def __init__(self, mf, sam, atr, wrong_sw, slow_read):
        Iso7816OS.__init__(self, mf, sam)
        self.atr = atr
        self.wrong_sw = wrong_sw
        self.slow_read = slow_read

    def execute(self, msg):
        if len(msg) >= 2 and msg[1] == 0xB0:
            if self.slow_read:
                time.sleep(self.slow_read)
            if self.wrong_sw:
                return b"\x6f\x00"
        return Iso7816OS.execute(self, msg)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--identity")
    parser.add_argument("--kind", choices=["good", "foreign", "no-app"], default="good")
    parser.add_argument("--malformed", action="store_true")
    parser.add_argument("--wrong-sw", action="store_true")
    parser.add_argument("--slow-read", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=35963)
    args = parser.parse_args()

    identity = SAMPLE
    if args.identity:
        with open(args.identity, encoding="utf-8") as file:
            identity = json.load(file)

    # WARNING: the library logs every APDU at INFO, data included; card data stays out of test logs.
    vicc = VirtualICC(None, "iso7816", "localhost", args.port, logginglevel=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    mf, sam = vicc.os.mf, vicc.os.SAM
    if args.kind == "foreign":
        atr = Iso7816OS.makeATR(T=1, directConvention=True, histChars=b"OTHERCARD")
    else:
        atr = Iso7816OS.makeATR(T=1, directConvention=True, histChars=HISTORICAL)
        if args.kind == "good":
            df = DF(mf, DF_FID, dfname=AID)
            df.append(TransparentStructureEF(df, EF_FID, data=record(identity, args.malformed)))
            mf.append(df)
    vicc.os = TestCardOS(mf, sam, atr, args.wrong_sw, args.slow_read)
    # The moment of insertion, for the benchmark: the reader has the card from here on.
    print(f"virtual card: connected at {time.time():.6f}", flush=True)
    vicc.run()


if __name__ == "__main__":
    sys.exit(main())
