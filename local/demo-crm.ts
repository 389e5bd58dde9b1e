/**
 * The demo's CRM: the example's commented `sources:` block switched on, and contact changes
 * delivered to its `crm` source as a HubSpot app's webhook delivers them.
 */
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The example's `crm` source (HubSpot) is switched on for the demo, with this app client secret. */
export const CRM_SECRET = 'demo-hubspot-client-secret';
export const CRM_CONTACT = 4711;

/** The example configuration with its commented `sources:` block switched on. */
export function demoConfig(dataDir: string): string {
  const text = readFileSync('examples/commitments.yaml', 'utf8');
  const start = text.indexOf('# sources:');
  const sources = text
    .slice(start)
    .split('\n')
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
  const path = join(dataDir, 'demo-commitments.yaml');
  writeFileSync(path, text.slice(0, start) + sources);
  return path;
}

/** One property change as a batch of HubSpot subscription events, signed with signature v3. */
export function hubspotDelivery(
  baseUrl: string,
  occurredAt: number,
  change: { objectId: number; propertyName: string; propertyValue: string },
) {
  const body = JSON.stringify([
    {
      eventId: 1,
      subscriptionId: 1,
      portalId: 62515,
      appId: 1,
      occurredAt,
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      ...change,
      changeSource: 'CRM',
    },
  ]);
  // HubSpot signs with real time, whatever the runtime's clock says.
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', CRM_SECRET)
    .update(`POST${baseUrl}/sources/crm${body}${timestamp}`)
    .digest('base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
  };
}
