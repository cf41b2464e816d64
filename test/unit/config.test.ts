import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../core/config.ts';

describe('when the configuration is read', () => {
  it('fills in the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/oneclick',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PORT: 3000,
      HOST: '127.0.0.1',
      ROLES: ['api', 'bots', 'worker'],
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      LOG_LEVEL: 'info',
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('stops with one line naming a malformed value', () => {
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: 'eighty' })).toThrow(/^Configuration error: PORT: /);
    expect(() => parseConfig({ ROLES: 'api,cron' })).toThrow(/ROLES/);
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: 'not a token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
  });

  it('requires the webhook secret in webhook mode', () => {
    expect(() =>
      parseConfig({ TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_URL: 'https://example.org/tg' }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '' }).TELEGRAM_BOT_TOKEN).toBeUndefined();
  });
});
