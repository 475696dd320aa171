import { createHmac } from 'node:crypto';

/** `sha256=<hex>`: the HMAC-SHA256 of the raw body, keyed with WEBHOOK_SECRET (as GitHub signs its webhooks). */
export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
