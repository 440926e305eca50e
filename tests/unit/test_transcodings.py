"""Values written by the transcoder come back equal and of the same types, without a store."""

from __future__ import annotations

import datetime as dt

from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, UUIDAsHex

from domain import transcodings, values
from tests.unit.builders import every_fact, open_case


def transcoder(*extra) -> JSONTranscoder:
    t = JSONTranscoder()
    for transcoding in [UUIDAsHex(), DatetimeAsISO(), *transcodings.all_transcodings(), *extra]:
        t.register(transcoding)
    return t


def contacts() -> list[values.Contact]:
    case = every_fact(open_case())
    return list(case.contacts.values())


def test_contacts_round_trip_with_their_types():
    t = transcoder()
    for contact in contacts():
        back = t.decode(t.encode(contact))
        assert back == contact
        assert type(back.topics) is tuple
        assert all(isinstance(x, values.Topic) for x in back.topics)
        assert type(back.occurred_at) is dt.datetime


def test_a_contact_is_written_as_one_flat_dict_of_json_natives():
    t = transcoder()
    encoded = t.encode(contacts()[0]).decode()
    assert encoded.count('"_type_"') == 1


def test_a_contact_written_in_the_nested_form_still_reads_back():
    nested = transcoder(transcodings.DataclassAsDict(values.Contact, "contact"))
    flat = transcoder()
    for contact in contacts():
        assert flat.decode(nested.encode(contact)) == contact
