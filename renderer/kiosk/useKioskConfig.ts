import { useEffect, useState } from 'react';
import { DEFAULT_KIOSK_CONFIG, parseKioskConfig, type KioskConfig } from '../../shared/kiosk/kioskConfig';
import { KIOSK_CONFIG_URL } from '../../shared/kiosk/kioskFiles';

/**
 * The kiosk's configuration: `kiosk.json` beside the page (served by `npm start -- --kiosk
 * --kiosk-config FILE`), else the defaults. A file that is not valid is logged for the staff and the
 * defaults are used: a visitor never sees an error.
 */
export function useKioskConfig(): KioskConfig | null {
  const [config, setConfig] = useState<KioskConfig | null>(null);
  useEffect(() => {
    let current = true;
    void fetch(`.${KIOSK_CONFIG_URL}`, { cache: 'no-store' })
      .then(async (response) => (response.ok ? parseKioskConfig(await response.text()) : DEFAULT_KIOSK_CONFIG))
      .catch((error: Error) => {
        console.warn(`kiosk.json: ${error.message}; the defaults are used`);
        return DEFAULT_KIOSK_CONFIG;
      })
      .then((found) => current && setConfig(found));
    return () => {
      current = false;
    };
  }, []);
  return config;
}
