// The ES module consumer (see consumer.ts for the whole API): `import` resolves index.d.mts,
// and the explicit initialiser's declarations type-check, with the same API beside them.
import { createClient, sign, stringToSign, type ClientResult } from 'ncp-certkit';
import { init, initSync, inspectPem, type InitInput } from 'ncp-certkit/init';

const signature: string = sign('secret', stringToSign('GET', '/x', 1, 'access'));
const input: InitInput = new URL('https://example.com/ncp_certkit_bg.wasm');
const loaded: Promise<unknown> = init({ module_or_path: input });
initSync({ module: new Uint8Array([0, 97, 115, 109]) });
const kinds: Promise<string[]> = inspectPem('-----BEGIN CERTIFICATE-----').then(({ items }) => items.map((item) => item.kind));

async function send(): Promise<number> {
  const client = createClient({ accessKey: 'a', secretKey: 's', baseUrl: 'http://127.0.0.1:9' });
  const result: ClientResult = await client.getCaList();
  return result.status;
}

// @ts-expect-error: initSync needs the module
initSync();
// @ts-expect-error: sign returns a string
const notNumber: number = sign('s', 't');

void signature; void loaded; void kinds; void send; void notNumber;
