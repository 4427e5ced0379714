import { z } from 'zod';
import { parseJsonFile } from '../view/jsonFile';
import { KIOSK_LANGUAGES } from './kioskText';

/**
 * A kiosk's settings (`kiosk.json`, given to `npm start -- --kiosk --kiosk-config FILE`): what it shows
 * and how it behaves on the museum floor. Every field has a default, so `{ "chorusKiosk": 1 }` is a
 * working kiosk on the demo. Versioned like the view and story files; unknown fields are refused (a typo
 * such as "idleTimeout" would otherwise be silently ignored on an exhibit nobody watches).
 */
export const KIOSK_VERSION = 1;

export const kioskConfigSchema = z
  .object({
    chorusKiosk: z.literal(KIOSK_VERSION),
    /** A dataset file (path on the kiosk computer); null: the built-in demo. */
    dataset: z.string().min(1).nullable().default(null),
    /** The attract loop's story (`*.chorus-story.json`); null: the built-in demo story. */
    story: z.string().min(1).nullable().default(null),
    /** Seconds without a touch, click or key before the countdown back to the attract loop. */
    idleTimeoutSeconds: z.number().min(10).max(3600).default(90),
    /** Seconds of the "Still there?" countdown before the reset (0: none). */
    countdownSeconds: z.number().int().min(0).max(60).default(10),
    /** Seconds each attract-loop step holds after its motion, where the story does not set its own. */
    attractStepSeconds: z.number().min(2).max(120).default(7),
    /** The visitor's language buttons, the first being the one every visit starts in. */
    languages: z.array(z.enum(KIOSK_LANGUAGES)).min(1).max(KIOSK_LANGUAGES.length).default(['en']),
    /** The attract loop shows each language in turn (one story pass each). */
    cycleLanguages: z.boolean().default(false),
    /** The staff exit's PIN (4–8 digits; Electron: long press in the top-left corner, then the PIN). Null: no exit. */
    exitPin: z.string().regex(/^\d{4,8}$/, 'expected 4 to 8 digits').nullable().default(null),
    /** What a visitor may do (all allowed by default). */
    interactions: z
      .object({
        sessions: z.boolean().default(true),
        condition: z.boolean().default(true),
        neurons: z.boolean().default(true),
        camera: z.boolean().default(true),
      })
      .strict()
      .default({ sessions: true, condition: true, neurons: true, camera: true }),
  })
  .strict()
  .refine((config) => new Set(config.languages).size === config.languages.length, { message: 'a language is listed twice', path: ['languages'] });

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export const DEFAULT_KIOSK_CONFIG: KioskConfig = kioskConfigSchema.parse({ chorusKiosk: KIOSK_VERSION });

/** Reads a kiosk.json; throws one line naming the field that is wrong (`idleTimeoutSeconds: …`). */
export function parseKioskConfig(text: string): KioskConfig {
  return parseJsonFile(text, kioskConfigSchema, `a Chorus kiosk configuration (a JSON object with "chorusKiosk": ${KIOSK_VERSION})`);
}
