// Signs the requests of the generated typescript-fetch client with ACS3-HMAC-SHA256, as ENS and the
// official SDKs do: new Configuration({ basePath, middleware: [acsSigner(id, secret)] }).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Middleware } from './generated';

const SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

// RFC 3986: everything but letters, digits and -_.~ percent-encoded.
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

export function acsSigner(accessKeyId: string, accessKeySecret: string): Middleware {
    return {
        async pre({ url, init }) {
            const target = new URL(url);
            const query = [...target.searchParams].map(([name, value]) => [encode(name), encode(value)]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
            // The generated client sends a form as URLSearchParams, which fetch sends as its toString().
            const body = init.body === undefined || init.body === null ? '' : String(init.body);
            const headers: Record<string, string> = {
                host: target.host,
                'x-acs-action': target.searchParams.get('Action') ?? '',
                'x-acs-content-sha256': sha256(body),
                'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
                'x-acs-signature-nonce': randomUUID(),
                'x-acs-version': target.searchParams.get('Version') ?? '',
            };
            const canonical = [
                init.method ?? 'GET',
                '/',
                query.map(([name, value]) => `${name}=${value}`).join('&'),
                SIGNED.map((name) => `${name}:${headers[name]}\n`).join(''),
                SIGNED.join(';'),
                headers['x-acs-content-sha256'],
            ].join('\n');
            const signature = createHmac('sha256', accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`, 'utf8').digest('hex');
            const { host, ...sent } = headers; // fetch sends Host itself, from the URL
            return {
                url,
                init: {
                    ...init,
                    headers: {
                        ...(init.headers as Record<string, string>),
                        ...sent,
                        Authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${SIGNED.join(';')},Signature=${signature}`,
                    },
                },
            };
        },
    };
}
