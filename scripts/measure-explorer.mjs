// The hypothesis explorer's slider-to-update latency: 100 neurons × 10 sessions, the median of 20 moves
// of the feedback slider, each timed from the move to the new model's network on screen (the app's own
// measure, request → timeline shown) and to the status saying so (wall clock, as a user sees it). Prints
// one line with the ratio to the target of about one second. Used by `npm run bench`.
//   node scripts/measure-explorer.mjs   (builds first; needs a Chromium: CHORUS_CHROMIUM or /usr/bin/chromium)
import { launchChromium, serveBuiltApp } from './builtApp.mjs';

const { server, url } = await serveBuiltApp();
const browser = await launchChromium();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${url}?explore`);
  const explorer = page.getByRole('region', { name: 'Hypothesis explorer' });
  const status = explorer.getByRole('status', { name: 'Explorer status' });
  const settle = async (before) => {
    await page.waitForFunction(
      (previous) => {
        const text = document.querySelector('[aria-label="Explorer status"]')?.textContent ?? '';
        return /Simulated and analysed in \d+ ms/.test(text) && text !== previous;
      },
      before,
      { timeout: 120_000, polling: 10 },
    );
    return status.textContent();
  };
  let text = await settle(null);
  for (const [name, value] of [[/^Neurons \(N\)/, '100'], [/^Sessions \(S\)/, '10']]) {
    await explorer.getByRole('slider', { name }).fill(value);
    text = await settle(text);
  }
  const reported = [];
  const wall = [];
  for (let move = 0; move < 20; move++) {
    const started = performance.now();
    await explorer.getByRole('slider', { name: /^Feedback strength/ }).fill(String(1 + (move % 5)));
    text = await settle(text);
    wall.push(performance.now() - started);
    reported.push(Number(/in (\d+) ms/.exec(text)[1]));
  }
  const [app, user] = [median(reported), median(wall)];
  console.log(
    `explorer slider → update (100 neurons × 10 sessions, median of 20 moves): ${app} ms to the network, ${Math.round(user)} ms to the status line; ${(user / 1000).toFixed(2)}× the 1 s target`,
  );
} finally {
  await browser.close();
  server.close();
}
