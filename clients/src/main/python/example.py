"""Calls through the Python client (python-pydantic-v1) generated from ens-2017-11-10.yaml, as it is:
pages, a non-ASCII filter, an error, then the export flow (ExportImage, poll DescribeExportImageStatus,
read the URL) and an unknown image, one line each in the format every program in clients/ prints.
Usage: python3 example.py <endpoint> [<AccessKeyId> <AccessKeySecret>]
With a key the calls are signed (signer.py); without one the server must run --auth anonymous."""
import sys
import time

import ens_client
from signer import sign_with

IMAGE = 'm-dev0001'
BUCKET = 'client-exports'
REGION = 'cn-beijing'
NAME = '边缘节点镜像-é'


def describe(page):
    images = ','.join(f'{image.image_id}:{image.image_export_status}' for image in page.images.image)
    return f'PageNumber={page.page_number} PageSize={page.page_size} TotalCount={page.total_count} Images={images}'


def line(label, call):
    """label: <what the call gave>, or label: HTTP <status> Code=<Code> from the typed error."""
    try:
        return f'{label}: {call()}'
    except ens_client.ApiException as e:
        return f'{label}: HTTP {e.status} Code={ens_client.ErrorResponse.parse_raw(e.body).code}'


def export_and_poll(listing, exporter, status):
    """The flow an application runs: export, poll until the export ends, read the URL from the listing."""
    promised = exporter.export_image(IMAGE, BUCKET, REGION, oss_prefix='python/').exported_image_url
    deadline = time.monotonic() + 30
    while True:
        time.sleep(0.05)
        now = status.describe_export_image_status(IMAGE).image_export_status
        if now != 'Exporting' or time.monotonic() > deadline:
            break
    listed = listing.describe_export_image_info(image_id=IMAGE).images.image[0].exported_image_url
    return f'{now} {promised} listed {listed}'


def main(endpoint, key):
    configuration = ens_client.Configuration(host=endpoint.rstrip('/'))
    client = ens_client.ApiClient(configuration)
    if key:
        sign_with(client, *key)
    listing = ens_client.DescribeExportImageInfoApi(client)
    exporter = ens_client.ExportImageApi(client)
    status = ens_client.DescribeExportImageStatusApi(client)

    print(line('default page', lambda: describe(listing.describe_export_image_info())))
    print(line('page 2 of 5', lambda: describe(listing.describe_export_image_info(page_size=5, page_number=2))))
    print(line(f'ImageName={NAME}', lambda: describe(listing.describe_export_image_info(image_name=NAME))))
    # The generated client holds arguments to the document's limits itself (pydantic) and refuses
    # PageSize 51 before sending; raw_function skips that check to show the server's answer.
    print(line('PageSize 51', lambda: describe(
        listing.describe_export_image_info_with_http_info.raw_function(listing, page_size=51).data)))
    print(line(f'export {IMAGE}', lambda: export_and_poll(listing, exporter, status)))
    print(line('export m-nothing', lambda: exporter.export_image('m-nothing', BUCKET, REGION).exported_image_url))


if __name__ == '__main__':
    if len(sys.argv) not in (2, 4):
        print('usage: python3 example.py <endpoint> [<AccessKeyId> <AccessKeySecret>]', file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2:4] if len(sys.argv) == 4 else None)
