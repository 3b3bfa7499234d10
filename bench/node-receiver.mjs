// The Node.js receiver of the ingest benchmark: what a Wix app does with @wix/sdk.
//   node node-receiver.mjs PORT PUBLIC_KEY_FILE
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createClient, AppStrategy } from '@wix/sdk';

const [port, keyFile] = process.argv.slice(2);
const client = createClient({ auth: AppStrategy({ appId: 'bench', publicKey: readFileSync(keyFile, 'utf8') }) });
http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', async () => {
    try {
      await client.webhooks.process(body);
      res.writeHead(200).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`http://127.0.0.1:${port}/`));
