// Our Standard Webhooks signatures, checked by the specification's own library (the npm package
// `standardwebhooks`) as an independent verifier, and its signatures checked by ours.
import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookSecretBytes, webhookSignature, webhookSignatureHeader, webhookSignatureMatches } from './webhook-signing.ts';

const body = JSON.stringify({ type: 'verification.completed', timestamp: '2026-12-02T03:00:00.000Z', data: { credentialId: 'c-1' } });

describe('webhook signing', () => {
  it('makes whsec_ secrets of 32 random bytes that the specification library takes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretBytes(secret)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it('signs so that standardwebhooks verifies, and refuses a changed body, id or timestamp', () => {
    const secret = newWebhookSecret();
    const id = 'evt_1';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': webhookSignature(webhookSecretBytes(secret), id, timestamp, body) };
    const receiver = new Webhook(secret);
    expect(receiver.verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => receiver.verify(`${body} `, headers)).toThrow();
    expect(() => receiver.verify(body, { ...headers, 'webhook-id': 'evt_2' })).toThrow();
    expect(() => receiver.verify(body, { ...headers, 'webhook-timestamp': String(timestamp + 1) })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs with both secrets during a rotation, each verifying on its own', () => {
    const current = newWebhookSecret();
    const previous = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const header = webhookSignatureHeader([webhookSecretBytes(current), webhookSecretBytes(previous)], 'evt_3', timestamp, body);
    expect(header.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': 'evt_3', 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('checks the signatures standardwebhooks makes', () => {
    const secret = newWebhookSecret();
    const at = new Date();
    const signature = new Webhook(secret).sign('msg_9', at, body);
    const timestamp = Math.floor(at.getTime() / 1000);
    expect(webhookSignatureMatches(webhookSecretBytes(secret), 'msg_9', timestamp, body, signature)).toBe(true);
    expect(webhookSignatureMatches(webhookSecretBytes(secret), 'msg_9', timestamp, body, `v1,AAAA ${signature}`)).toBe(true);
    expect(webhookSignatureMatches(webhookSecretBytes(newWebhookSecret()), 'msg_9', timestamp, body, signature)).toBe(false);
  });

  it('refuses what is not a whsec_ secret', () => {
    expect(() => webhookSecretBytes('abc')).toThrow();
    expect(() => webhookSecretBytes(`whsec_${Buffer.alloc(8).toString('base64')}`)).toThrow();
    expect(() => webhookSecretBytes('whsec_not base64!')).toThrow();
  });
});
