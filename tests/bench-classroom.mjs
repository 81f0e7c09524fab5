// A classroom session under load, measured against a running server (scripts/bench-classroom
// starts it):
//
//   SIGNPOST_URL=http://127.0.0.1:PORT SIGNPOST_PID=PID node bench-classroom.mjs [ATTENDEES] [MOVES]
//
// Opens a room on the join flow, connects ATTENDEES (500) attendees to its server-sent events,
// then moves the room MOVES (50) times, one move after every attendee has seen the previous
// one. Prints the time from each move being sent to each attendee receiving it (p50, p99 and
// the worst, over every attendee and move), and the server's resident memory (VmRSS) with all
// attendees connected and its peak (VmHWM). Timings on a shared machine are noisy: compare
// runs made one after the other.

import { readFileSync } from 'node:fs';
import http from 'node:http';

const base = new URL(process.env.SIGNPOST_URL ?? 'http://127.0.0.1:8080');
const pid = process.env.SIGNPOST_PID;
const [attendeesArg, movesArg] = process.argv.slice(2);
const ATTENDEES = Number(attendeesArg ?? 500);
const MOVES = Number(movesArg ?? 50);
/** The join flow's "ordinary account" path: the moves walk it forward and back to its start. */
const PATH = ['join', 'received', 'used', 'ordinary'];
const GOALS = { p99: 250, rssMb: 100 };

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** Sends `body` as JSON to `path`, and resolves to the status and the parsed answer. */
function post(path, body, token) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request(new URL(path, base), { method: 'POST', headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: text ? JSON.parse(text) : null }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/**
 * Joins the room as attendee `n` and calls `onState(seq, at)` as each `state` event arrives,
 * `at` being when its last byte did; resolves once the first event has arrived.
 */
function join(code, n, onState) {
  return new Promise((resolve, reject) => {
    const path = `/api/rooms/${code}/events?attendee=bench-attendee-${String(n).padStart(4, '0')}`;
    const request = http.get(new URL(path, base), { headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`attendee ${n}: ${response.statusCode}`));
      response.setEncoding('utf8');
      let buffer = '';
      let first = true;
      response.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data:'));
          if (!frame.split('\n').includes('event: state') || !data) continue;
          onState(JSON.parse(data.slice(5)).seq, at);
          if (first) { first = false; resolve(request); }
        }
      });
    });
    request.on('error', reject);
  });
}

function memory() {
  if (!pid) return null;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const created = await post('/api/rooms', { flow: 'join' });
if (created.status !== 201) throw new Error(`creating the room: ${created.status} ${JSON.stringify(created.body)}`);
const { code, trainer_token: token, room } = created.body;

/** For each seq a move makes: when the move was sent, and how many attendees have seen it. */
const moves = new Map();
const latencies = [];
let latest = room.seq;
let everyone = null;
const onState = (seq, at) => {
  latest = Math.max(latest, seq);
  const move = moves.get(seq);
  if (!move) return;
  latencies.push(at - move.sent);
  if (++move.seen === ATTENDEES) everyone?.();
};

const streams = [];
for (let n = 0; n < ATTENDEES; n += 50) {
  const batch = [];
  for (let i = n; i < Math.min(ATTENDEES, n + 50); i++) batch.push(join(code, i, onState));
  streams.push(...(await Promise.all(batch)));
}
// Let the joins' own changes (the attendee count) reach everyone before the first move.
await new Promise((r) => setTimeout(r, 1000));
const connected = memory();

for (let i = 1; i <= MOVES; i++) {
  // Nothing else changes the room now, so the move's seq is the next one; its events may
  // arrive before its answer does.
  const move = { sent: 0, seen: 0 };
  moves.set(latest + 1, move);
  const seen = new Promise((resolve) => (everyone = resolve));
  const answers = PATH.slice(0, i % (PATH.length + 1));
  move.sent = performance.now();
  const { status, body } = await post(`/api/rooms/${code}/moves`, { flow: 'join', version: room.version, answers }, token);
  if (status !== 200) throw new Error(`move ${i}: ${status} ${JSON.stringify(body)}`);
  if (!moves.has(body.seq)) throw new Error(`move ${i} made seq ${body.seq}, another change came between`);
  const late = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`move ${i}: ${move.seen} of ${ATTENDEES} attendees after 10 s`)), 10_000).unref());
  await Promise.race([seen, late]);
}
const after = memory();
for (const stream of streams) stream.destroy();
agent.destroy();

latencies.sort((a, b) => a - b);
const ms = (v) => `${v.toFixed(1)} ms`;
console.log(`room ${code}: ${ATTENDEES} attendees, ${MOVES} moves, ${latencies.length} deliveries`);
console.log(`move to attendee: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))} (goal < ${GOALS.p99} ms), worst ${ms(latencies.at(-1))}`);
if (connected) {
  console.log(`server RSS: ${connected.rss.toFixed(1)} MB with every attendee connected, ${after.rss.toFixed(1)} MB after the moves, peak ${after.peak.toFixed(1)} MB (goal < ${GOALS.rssMb} MB)`);
}
