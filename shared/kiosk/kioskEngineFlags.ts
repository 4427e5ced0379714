/**
 * V8's flags for a kiosk's page, in Electron's kiosk window (`--js-flags`) and in the browser an exhibit
 * runs (the README's Chromium command and build/kiosk/chorus-kiosk-browser.service).
 *
 * `--max-opt=1` keeps V8 to its baseline compiler. With V8's optimizing tiers on, the kiosk soak's heap
 * after GC kept rising past cycle 1,000 (+8% from cycle 100 by cycle 356): no object leaked (the heap
 * without compiled code stayed flat), but the same ~1,860 functions were compiled again, larger, tier
 * by tier, for days. With baseline code only, the heap is flat from cycle 50 on (8.36, 8.39, 8.29,
 * 8.30 MB at cycles 50–125). An exhibit that runs for weeks wants a heap that stays put more than JS
 * at peak speed: its frames are GPU-bound and its per-frame JS is small. The workspace keeps V8's defaults.
 */
export const KIOSK_JS_FLAGS = '--max-opt=1';
