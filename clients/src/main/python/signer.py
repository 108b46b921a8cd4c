"""Signs the requests of the generated Python client (python-pydantic-v1) with ACS3-HMAC-SHA256, as
ENS and the official SDKs do, at urllib3's level where the body is bytes: sign_with(api_client, id, secret)."""
import hashlib
import hmac
import time
import uuid
from urllib.parse import parse_qsl, quote, urlsplit

import urllib3

SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']


def _encode(text):
    """RFC 3986: everything but letters, digits and -_.~ percent-encoded."""
    return quote(text, safe='-_.~')


class AcsSigningPoolManager(urllib3.PoolManager):
    def __init__(self, access_key_id, access_key_secret, **connection_pool_kw):
        super().__init__(**connection_pool_kw)
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret

    def urlopen(self, method, url, redirect=True, **kw):
        body = kw.get('body') or b''
        body = body.encode('utf-8') if isinstance(body, str) else body
        target = urlsplit(url)
        query = parse_qsl(target.query, keep_blank_values=True)
        values = dict(query)
        headers = {
            'host': target.netloc,
            'x-acs-action': values.get('Action', ''),
            'x-acs-content-sha256': hashlib.sha256(body).hexdigest(),
            'x-acs-date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
            'x-acs-signature-nonce': uuid.uuid4().hex,
            'x-acs-version': values.get('Version', ''),
        }
        canonical = '\n'.join([
            method.upper(), '/',
            '&'.join(sorted(_encode(name) + '=' + _encode(value) for name, value in query)),
            ''.join(f'{name}:{headers[name]}\n' for name in SIGNED),
            ';'.join(SIGNED),
            headers['x-acs-content-sha256'],
        ])
        string_to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical.encode('utf-8')).hexdigest()
        signature = hmac.new(self.access_key_secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
        sent = dict(kw.get('headers') or {})
        sent.update({name: value for name, value in headers.items() if name != 'host'})  # urllib3 sends Host itself
        sent['Authorization'] = (f'ACS3-HMAC-SHA256 Credential={self.access_key_id},'
                                 f'SignedHeaders={";".join(SIGNED)},Signature={signature}')
        kw['headers'] = sent
        return super().urlopen(method, url, redirect=redirect, **kw)


def sign_with(api_client, access_key_id, access_key_secret):
    """Makes every call of api_client signed, keeping its connection settings."""
    rest = api_client.rest_client
    rest.pool_manager = AcsSigningPoolManager(access_key_id, access_key_secret, **rest.pool_manager.connection_pool_kw)
    return api_client
