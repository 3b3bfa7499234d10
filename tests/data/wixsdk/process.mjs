// Verifies tokens with Wix's own SDK, as a Wix app does:
//   node process.mjs APP_ID PUBLIC_KEY_FILE TOKEN_FILE...
// Prints one JSON line per token: {"file", "ok", "eventType", "instanceId", "payload", "identity"} or {"file", "ok": false, "error"}.
import { createClient, AppStrategy } from '@wix/sdk';
import { readFileSync } from 'node:fs';

const [appId, keyFile, ...tokens] = process.argv.slice(2);
const client = createClient({ auth: AppStrategy({ appId, publicKey: readFileSync(keyFile, 'utf8') }) });
for (const file of tokens) {
  try {
    const event = await client.webhooks.process(readFileSync(file, 'utf8'));
    console.log(JSON.stringify({ file, ok: true, eventType: event.eventType, instanceId: event.instanceId,
      payload: event.payload, identity: event.identity ?? null }));
  } catch (error) {
    console.log(JSON.stringify({ file, ok: false, error: String(error && error.message || error) }));
  }
}
