#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Writes the golden SAM response frames in this folder from the layouts in
# specs/idcard-reader.md, independently of the driver's C++ code. Every citizen is fictional.
# Run from anywhere: python3 tests/drivers/card_reader/golden/make_golden.py
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PREAMBLE = bytes([0xAA, 0xAA, 0xAA, 0x96, 0x69])
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_char(first17):
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def frame(sw3, data=b""):
    body = len(data) + 4
    head = bytes([body >> 8, body & 0xFF, 0x00, 0x00, sw3]) + data
    chk = 0
    for b in head:
        chk ^= b
    return PREAMBLE + head + bytes([chk])


def text_block(fields):
    """fields: list of (offset, size, text); the rest is UTF-16LE spaces."""
    block = bytearray(" ".encode("utf-16-le") * 128)
    for offset, size, text in fields:
        raw = text.encode("utf-16-le")
        assert len(raw) <= size, (text, size)
        block[offset:offset + len(raw)] = raw
    return bytes(block)


def read_data(text, fingerprint=None):
    photo = bytes((0x57 ^ (i * 7)) & 0xFF for i in range(1024))
    lengths = [len(text), len(photo)] + ([len(fingerprint)] if fingerprint is not None else [])
    data = b"".join(n.to_bytes(2, "big") for n in lengths) + text + photo
    return data + (fingerprint or b"")


def write_hex(name, data):
    with open(os.path.join(HERE, name), "w") as out:
        for i in range(0, len(data), 16):
            out.write(" ".join(f"{b:02X}" for b in data[i:i + 16]) + "\n")


def resident_fields(name, sex, nation, birth, address, number, issuer, start, end, kind=" "):
    fields = [(0, 30, name), (30, 2, sex), (32, 4, nation), (36, 16, birth), (52, 70, address),
              (122, 36, number), (158, 30, issuer), (188, 16, start), (204, 16, end)]
    if kind == "J":
        fields += [(220, 18, "H12345678"), (238, 4, "01"), (248, 2, "J")]
    return fields


cards = {}
n = "11010119850412001"
cards["resident"] = (
    resident_fields("王\U00020BB7祥", "1", "01", "19850412", "北京市东城区景山前街4号",
                    n + check_char(n), "北京市公安局东城分局", "20150601", "20350601"),
    {"cardType": "resident", "name": "王\U00020BB7祥", "nameEn": None, "sex": "male",
     "nation": "汉", "birthDate": "1985-04-12", "address": "北京市东城区景山前街4号",
     "idNumber": n + check_char(n), "issuer": "北京市公安局东城分局",
     "validFrom": "2015-06-01", "validUntil": "2035-06-01", "idNumberValid": True,
     "expired": False})
n = "65010219560303002"
cards["resident_long_term"] = (
    resident_fields("阿依古丽·买买提", "2", "05", "19560303", "新疆乌鲁木齐市天山区解放南路1号",
                    n + check_char(n), "乌鲁木齐市公安局天山区分局", "20160303", "长期"),
    {"cardType": "resident", "name": "阿依古丽·买买提", "nameEn": None, "sex": "female",
     "nation": "维吾尔", "birthDate": "1956-03-03", "address": "新疆乌鲁木齐市天山区解放南路1号",
     "idNumber": n + check_char(n), "issuer": "乌鲁木齐市公安局天山区分局",
     "validFrom": "2016-03-03", "validUntil": "long-term", "idNumberValid": True,
     "expired": False})
n = "51070319700101003"
wrong = n + ("0" if check_char(n) != "0" else "1")
cards["resident_expired_bad_number"] = (
    resident_fields("赵六", "2", "77", "19700101", "四川省绵阳市游仙区", wrong, "绵阳市公安局",
                    "20000101", "20200101"),
    {"cardType": "resident", "name": "赵六", "nameEn": None, "sex": "female", "nation": "其他",
     "birthDate": "1970-01-01", "address": "四川省绵阳市游仙区", "idNumber": wrong,
     "issuer": "绵阳市公安局", "validFrom": "2000-01-01", "validUntil": "2020-01-01",
     "idNumberValid": False, "expired": True})
n = "81000019900101002"
cards["hmt"] = (
    resident_fields("陈美玲", "2", "", "19900101", "广东省深圳市福田区福华路8号", n + check_char(n),
                    "深圳市公安局", "20230115", "20280115", "J"),
    {"cardType": "hmt_residence", "name": "陈美玲", "nameEn": None, "sex": "female",
     "nation": None, "birthDate": "1990-01-01", "address": "广东省深圳市福田区福华路8号",
     "idNumber": n + check_char(n), "issuer": "深圳市公安局", "validFrom": "2023-01-15",
     "validUntil": "2028-01-15", "idNumberValid": True, "expired": False})
cards["foreign_2017"] = (
    [(0, 120, "SMITH, JOHN"), (120, 2, "1"), (122, 30, "USA110085071500"), (152, 6, "USA"),
     (158, 30, "约翰"), (188, 16, "20180301"), (204, 16, "20280301"), (220, 16, "19850715"),
     (236, 4, "01"), (240, 8, "1100"), (248, 2, "I")],
    {"cardType": "foreign_permanent_2017", "name": "约翰", "nameEn": "SMITH, JOHN",
     "sex": "male", "nation": None, "birthDate": "1985-07-15", "address": None,
     "idNumber": "USA110085071500", "issuer": "公安部", "validFrom": "2018-03-01",
     "validUntil": "2028-03-01", "idNumberValid": True, "expired": False})
n = "94427619800229003"
english = "SCHWARZENEGGER-MUELLERSON, MAXIMILIAN ALEX"  # 42 characters: 35 + 7
cards["foreign_2023"] = (
    [(0, 30, "马克西"), (30, 2, "1"), (32, 4, "00"), (36, 16, "19800229"),
     (52, 70, english[:35]), (122, 36, n + check_char(n)), (188, 16, "20240210"),
     (204, 16, "20340210"), (220, 22, english[35:]), (242, 6, "DEU"), (248, 2, "Y")],
    {"cardType": "foreign_permanent_2023", "name": "马克西", "nameEn": english, "sex": "male",
     "nation": None, "birthDate": "1980-02-29", "address": None, "idNumber": n + check_char(n),
     "issuer": "国家移民管理局", "validFrom": "2024-02-10", "validUntil": "2034-02-10",
     "idNumberValid": True, "expired": False})

expected = {}
for name, (fields, card) in cards.items():
    write_hex(f"read_{name}.hex", frame(0x90, read_data(text_block(fields))))
    expected[f"read_{name}.hex"] = card
# The 30 10 form: text, photo and a 512-byte fingerprint.
fields, card = cards["resident"]
write_hex("read_resident_fingerprint.hex",
          frame(0x90, read_data(text_block(fields), bytes(i & 0xFF for i in range(512)))))
expected["read_resident_fingerprint.hex"] = card

# Every status code of the spec's table, as the SAM answers it (no data).
for sw3 in [0x90, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66,
            0x80, 0x81, 0x91]:
    write_hex(f"status_{sw3:02X}.hex", frame(sw3))
write_hex("status_9F_find_ok.hex", frame(0x9F, bytes(4)))
write_hex("sam_id.hex", frame(0x90, bytes([0x05, 0x00, 0x01, 0x00]) + (12345678).to_bytes(4, "little")
                             + (123456789).to_bytes(4, "little") + (987654321).to_bytes(4, "little")))
write_hex("appended_address.hex", frame(0x90, text_block([(0, 70, "北京市海淀区中关村大街1号")])[:70]))

with open(os.path.join(HERE, "expected.json"), "w") as out:
    json.dump(expected, out, ensure_ascii=False, indent=2, sort_keys=True)
    out.write("\n")
