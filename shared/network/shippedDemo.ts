/** The demo's point-estimate timeline, beside the app's index.html (written by scripts/build.mjs, node/demoTimelineFile.ts). */
export const DEMO_TIMELINE_FILE = 'demo-timeline.bin';
