"""Attachments in an S3-compatible bucket (FILES_BUCKET, FILES_ENDPOINT_URL): boto3 over real HTTP to a local
S3-compatible server (moto's standalone server on 127.0.0.1, which speaks the S3 protocol; no AWS account and no
patched client)."""

from __future__ import annotations

import dataclasses
import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from casework.files import BucketStore, file_store

BUCKET = "council-complaint-files"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_server(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    yield endpoint, client
    client.close()
    server.stop()


def test_a_bucket_is_used_when_files_bucket_is_set_and_holds_private_objects(s3_server, settings):
    endpoint, client = s3_server
    store = file_store(dataclasses.replace(settings, files_bucket=BUCKET, files_endpoint_url=endpoint))
    assert isinstance(store, BucketStore)

    store.put("CS-TEST/1-letter.pdf", b"%PDF-1.4 a letter")

    assert store.get("CS-TEST/1-letter.pdf") == b"%PDF-1.4 a letter"
    grants = client.get_object_acl(Bucket=BUCKET, Key="CS-TEST/1-letter.pdf")["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]  # the owner only: nobody else reads it
    store.delete("CS-TEST/1-letter.pdf")
    assert client.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0


def test_without_a_bucket_files_stay_in_the_instance_folder(settings):
    assert not isinstance(file_store(settings), BucketStore)
