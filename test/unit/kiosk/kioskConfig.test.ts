import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_CONFIG, parseKioskConfig } from '../../../shared/kiosk/kioskConfig';
import { KIOSK_LANGUAGES, KIOSK_LOCALES, kioskText, placeholders } from '../../../shared/kiosk/kioskText';

describe('kiosk.json', () => {
  it('is a working kiosk on the demo from its version alone', () => {
    expect(parseKioskConfig('{"chorusKiosk": 1}')).toEqual(DEFAULT_KIOSK_CONFIG);
    expect(DEFAULT_KIOSK_CONFIG).toMatchObject({ dataset: null, story: null, idleTimeoutSeconds: 90, countdownSeconds: 10, languages: ['en'], exitPin: null });
    expect(DEFAULT_KIOSK_CONFIG.interactions).toEqual({ sessions: true, condition: true, neurons: true, camera: true });
  });

  it('reads every field', () => {
    const config = parseKioskConfig(
      JSON.stringify({ chorusKiosk: 1, dataset: 'v4.nwb', story: 'tour.chorus-story.json', idleTimeoutSeconds: 45, countdownSeconds: 5, languages: ['es', 'en'], cycleLanguages: true, exitPin: '2468', interactions: { camera: false } }),
    );
    expect(config).toMatchObject({ dataset: 'v4.nwb', story: 'tour.chorus-story.json', idleTimeoutSeconds: 45, languages: ['es', 'en'], cycleLanguages: true, exitPin: '2468' });
    expect(config.interactions).toEqual({ sessions: true, condition: true, neurons: true, camera: false });
  });

  it.each([
    ['not json', /not valid JSON/],
    ['[1]', /a JSON array, not a Chorus kiosk configuration/],
    ['{"chorusKiosk": 2}', /chorusKiosk: expected 1/],
    ['{"chorusKiosk": 1, "idleTimeout": 30}', /unrecognized key.*idleTimeout/i],
    ['{"chorusKiosk": 1, "idleTimeoutSeconds": 3}', /idleTimeoutSeconds: .*10/],
    ['{"chorusKiosk": 1, "languages": ["en", "fr"]}', /languages\[1\]: .*"en"\|"es"|languages\[1\]/],
    ['{"chorusKiosk": 1, "languages": ["en", "en"]}', /languages: a language is listed twice/],
    ['{"chorusKiosk": 1, "exitPin": "12"}', /exitPin: expected 4 to 8 digits/],
    ['{"chorusKiosk": 1, "interactions": {"zoom": false}}', /interactions: .*zoom/i],
  ])('refuses %s, naming the field', (text, message) => {
    expect(() => parseKioskConfig(text)).toThrow(message);
  });
});

describe('kiosk text', () => {
  it('every language has exactly the English keys, with the same placeholders, and no empty text', () => {
    const keys = Object.keys(KIOSK_LOCALES.en).sort();
    for (const language of KIOSK_LANGUAGES) {
      const locale = KIOSK_LOCALES[language];
      expect(Object.keys(locale).sort(), language).toEqual(keys);
      for (const key of keys) {
        const text = locale[key as keyof typeof locale];
        expect(text.trim().length, `${language}.${key}`).toBeGreaterThan(0);
        expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(KIOSK_LOCALES.en[key as keyof typeof locale]));
      }
    }
  });

  it('is translated, not copied: each language differs from English in most of its texts', () => {
    for (const language of KIOSK_LANGUAGES.filter((l) => l !== 'en')) {
      const same = Object.keys(KIOSK_LOCALES.en).filter((key) => KIOSK_LOCALES[language][key as 'watching'] === KIOSK_LOCALES.en[key as 'watching']);
      expect(same, language).toEqual([]);
    }
  });

  it('fills placeholders', () => {
    expect(kioskText('en', 'dayOf', { day: 3, days: 10 })).toBe('Day 3 of 10');
    expect(kioskText('es', 'neuronMany', { neuron: 'n012', partners: 4 })).toBe('La neurona n012 comparte información con otras 4 neuronas. Sus compañeras se iluminan.');
    expect(kioskText('en', 'resetIn')).toBe('Starting over in {seconds} s');
  });
});
