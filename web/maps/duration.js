// Durations as people say them ("2 t", "3 d", "1 uge") in and out of the minutes the
// map stores. The unit words and the reader's labels come from the server (the page's
// data attributes), so the editor and the server's figures read and write the same
// text; tests/maps/duration_cases.json holds the cases both are tested against.

const MAX_MINUTES = 520 * 7 * 24 * 60;

// { minutes, empty }: minutes is undefined for text that is not a duration.
export function parseDuration(text, units) {
  const s = String(text ?? '').trim();
  if (!s) return { minutes: undefined, empty: true };
  const pattern = /\s*([0-9][0-9.,]*)\s*([^\s0-9.,][^\s0-9]*)?\s*/gy;
  let total = 0;
  let bare = false;
  let at = 0;
  while (at < s.length) {
    if (bare) return { minutes: undefined, empty: false };
    pattern.lastIndex = at;
    const m = pattern.exec(s);
    if (!m || m[0].length === 0) return { minutes: undefined, empty: false };
    at = pattern.lastIndex;
    const number = m[1].replace(/,/g, '.');
    if (!/^[0-9]+(\.[0-9]+)?$/.test(number)) return { minutes: undefined, empty: false };
    const value = Number(number);
    if (m[2] === undefined) {
      bare = true;
      total += value;
    } else {
      const word = m[2].toLowerCase().replace(/\.$/, '');
      if (!Object.prototype.hasOwnProperty.call(units, word)) return { minutes: undefined, empty: false };
      total += value * units[word];
    }
    if (total > MAX_MINUTES) return { minutes: undefined, empty: false };
  }
  return { minutes: Math.round(total), empty: false };
}

// labels: { week, weeks, day, hour, minute } in the reader's language.
export function formatDuration(minutes, labels) {
  if (minutes === 0) return `0 ${labels.minute}`;
  let m = Math.abs(minutes);
  const parts = [];
  const add = (n, unit) => { if (n) parts.push(`${n} ${unit}`); };
  const week = 7 * 24 * 60;
  const day = 24 * 60;
  add(Math.floor(m / week), Math.floor(m / week) === 1 ? labels.week : labels.weeks);
  m %= week;
  add(Math.floor(m / day), labels.day);
  m %= day;
  add(Math.floor(m / 60), labels.hour);
  add(m % 60, labels.minute);
  return (minutes < 0 ? '−' : '') + parts.join(' ');
}
