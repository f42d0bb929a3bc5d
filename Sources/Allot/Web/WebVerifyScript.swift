/// The one script of the site, served at `WebVerifyScript.path` for `/events/{id}/verify` (the CSP
/// allows scripts from this origin only; nothing inline). It checks an `allot-draw-v1` record
/// (INTERFACE.md §5) with the browser's own SHA-256 (Web Crypto), the way `DrawVerifier` does in
/// Swift: pool, lottery and terms digests, the digests and result this site published, the time
/// order, the seed, the stream's panel index, the panel, the Fisher–Yates reserve order, every
/// person's probability and every lottery line against the quotas. Each check becomes a row with a
/// text status and a colour. A person may also check a file they have (chosen or pasted).
///
/// Texts come from the page (`data-t-*` attributes rendered from `WebText`), so the script has no
/// language of its own. Values from the record are only ever set as text, never as markup.
///
/// A 100,000-person record stays responsive: the steps yield to the browser in between, and the
/// stream's blocks are hashed `blocksPerChunk` at a time with asynchronous `crypto.subtle.digest`.
enum WebVerifyScript {
    static let path = "/static/verify.js"

    static let source = #"""
        "use strict";
        (() => {
          const root = document.getElementById("verify");
          if (!root) return;
          const data = root.dataset;
          const encoder = new TextEncoder();
          // Stream blocks hashed in one batch before the page gets the main thread back: 1024 blocks
          // give 4096 words, enough for 4000 reserves; a 100k pool needs about 25 batches.
          const BLOCKS_PER_CHUNK = 1024;
          const TWO64 = 1n << 64n;
          const TWO32 = 2 ** 32;
          // Largest n for which uniform(n) is computed with plain numbers (see tryUniform).
          const SMALL_BOUND = 2 ** 26;
          const PROTOCOL = "allot-draw-v1";
          // Shown at most, of a failed check's problems.
          const MAX_PROBLEMS = 3;
          // Lottery lines checked against the quotas before the page gets the main thread back.
          const LINES_PER_PAUSE = 250;
          // Pool entries or reserve swaps handled before the page gets the main thread back.
          const ITEMS_PER_PAUSE = 20000;

          class Unreadable extends Error {}

          function text(key, values) {
            const name = "t" + key.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
            const pattern = data[name] || key;
            return pattern.replace(/\{(\w+)\}/g, (all, field) =>
              values && Object.prototype.hasOwnProperty.call(values, field) ? String(values[field]) : all);
          }

          const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
          const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
          // Performance marks `allot-verify:<step>` let a benchmark see where the time goes.
          const mark = (step) => performance.mark("allot-verify:" + step);

          function hex(buffer) {
            const bytes = new Uint8Array(buffer);
            let out = "";
            for (const byte of bytes) out += (byte < 16 ? "0" : "") + byte.toString(16);
            return out;
          }

          async function sha256(bytes) {
            return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
          }

          async function sha256Hex(textValue) {
            return hex(await sha256(encoder.encode(textValue)));
          }

          // UTF-8 byte order is code point order; UTF-16 units differ from it only where a surrogate
          // meets a unit from U+E000 up, so those are moved past each other before comparing.
          function byteOrder(a, b) {
            const n = Math.min(a.length, b.length);
            for (let i = 0; i < n; i++) {
              let x = a.charCodeAt(i);
              let y = b.charCodeAt(i);
              if (x !== y) {
                if (x >= 0xd800 && y >= 0xd800) {
                  x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
                  y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
                }
                return x < y ? -1 : 1;
              }
            }
            return a.length - b.length;
          }

          function sortBytes(list) {
            // Below U+D800 UTF-16 order is byte order, and the default sort is much faster.
            const simple = list.every((s) => !/[\ud800-\uffff]/.test(s));
            return simple ? list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : list.sort(byteOrder);
          }

          // The stream of §5: block i = SHA-256(seed ‖ i as 8-byte big-endian), four 64-bit words each.
          class Stream {
            constructor(seed) {
              this.seed = seed;
              this.high = [];
              this.low = [];
              this.position = 0;
              this.nextBlock = 0;
            }

            async fill(blocks) {
              const jobs = [];
              for (let i = 0; i < blocks; i++) {
                const input = new Uint8Array(this.seed.length + 8);
                input.set(this.seed);
                new DataView(input.buffer).setBigUint64(this.seed.length, BigInt(this.nextBlock + i), false);
                jobs.push(crypto.subtle.digest("SHA-256", input));
              }
              this.nextBlock += blocks;
              const digests = await Promise.all(jobs);
              // Each word is kept as its high and low 32 bits (plain numbers are much faster than BigInt).
              this.high = this.high.slice(this.position);
              this.low = this.low.slice(this.position);
              this.position = 0;
              for (const digest of digests) {
                const view = new DataView(digest);
                for (let w = 0; w < 4; w++) {
                  this.high.push(view.getUint32(8 * w, false));
                  this.low.push(view.getUint32(8 * w + 4, false));
                }
              }
            }

            // uniform(n) by rejection, or null when the words run out (nothing is consumed then).
            tryUniform(n) {
              if (n > SMALL_BOUND) return this.tryUniformBig(n);
              // For n ≤ 2^26 every product below stays under 2^53, so numbers are exact:
              // 2^32 mod n = t, 2^64 mod n = t² mod n, w mod n = ((high mod n)·t + low mod n) mod n.
              const t = TWO32 % n;
              const remainder = (t * t) % n;
              // w < 2^64 − remainder: with 0 < remainder < 2^32, fails only when high is all ones and
              // low ≥ 2^32 − remainder.
              const lowLimit = TWO32 - remainder;
              let p = this.position;
              while (p < this.high.length) {
                const high = this.high[p];
                const low = this.low[p];
                p++;
                if (remainder === 0 || high < 0xffffffff || low < lowLimit) {
                  this.position = p;
                  return (((high % n) * t) + (low % n)) % n;
                }
              }
              return null;
            }

            tryUniformBig(n) {
              const bound = BigInt(n);
              const remainder = TWO64 % bound;
              const limit = TWO64 - remainder;
              let p = this.position;
              while (p < this.high.length) {
                const word = (BigInt(this.high[p]) << 32n) | BigInt(this.low[p]);
                p++;
                if (remainder === 0n || word < limit) {
                  this.position = p;
                  return Number(word % bound);
                }
              }
              return null;
            }

            async uniform(n) {
              let value = this.tryUniform(n);
              while (value === null) {
                await this.fill(BLOCKS_PER_CHUNK);
                value = this.tryUniform(n);
              }
              return value;
            }
          }

          async function poolText(pool) {
            const entries = pool.slice();
            const simple = entries.every((e) => !/[\ud800-\uffff]/.test(e.pid));
            entries.sort(simple ? (a, b) => (a.pid < b.pid ? -1 : a.pid > b.pid ? 1 : 0) : (a, b) => byteOrder(a.pid, b.pid));
            const lines = ["allot-pool-v1\n"];
            // People mostly share one set of attribute names: sort each set once.
            const orders = new Map();
            await pause();
            for (let i = 0; i < entries.length; i++) {
              const entry = entries[i];
              if (i % ITEMS_PER_PAUSE === ITEMS_PER_PAUSE - 1) await pause();
              const names = Object.keys(entry.attributes);
              const signature = names.join("\u0000");
              let order = orders.get(signature);
              if (order === undefined) {
                order = sortBytes(names);
                orders.set(signature, order);
              }
              let line = entry.pid;
              for (const name of order) line += "\t" + name + "=" + entry.attributes[name];
              lines.push(line + "\n");
            }
            return lines.join("");
          }

          function lotteryText(lottery) {
            const lines = ["allot-lottery-v1\n"];
            for (const line of lottery) lines.push(sortBytes(line.slice()).join(",") + "\n");
            return lines.join("");
          }

          function termsText(record) {
            const eventId = record.eventId === null || record.eventId === undefined ? "" : String(record.eventId);
            let out = "allot-terms-v1\n";
            out += "eventId\t" + eventId + "\n";
            out += "panelSize\t" + record.panelSize + "\n";
            out += "algorithm\t" + record.algorithm + "\n";
            out += "lotterySize\t" + record.lottery.length + "\n";
            out += "preparedAt\t" + record.preparedAt + "\n";
            for (const attribute of sortBytes(Object.keys(record.quotas))) {
              const values = record.quotas[attribute];
              for (const value of sortBytes(Object.keys(values))) {
                out += "quota\t" + attribute + "\t" + value + "\t" + values[value].map(String).join("\t") + "\n";
              }
            }
            const joint = (record.jointQuotas || []).slice().sort((a, b) => {
              for (const key of ["feature1", "value1", "feature2", "value2"]) {
                const order = byteOrder(a[key], b[key]);
                if (order !== 0) return order;
              }
              return a.min !== b.min ? a.min - b.min : a.max - b.max;
            });
            for (const q of joint) {
              out += ["joint", q.feature1, q.value1, q.feature2, q.value2, String(q.min), String(q.max)].join("\t") + "\n";
            }
            return out;
          }

          // The first key that is missing or of the wrong type, or null.
          function shapeProblem(r) {
            const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
            if (!isObject(r)) return "record";
            const isString = (v) => typeof v === "string";
            const isInteger = (v) => Number.isInteger(v);
            const isList = (v, item) => Array.isArray(v) && v.every(item);
            const shape = [
              ["protocol", isString],
              ["panelSize", isInteger],
              ["quotas", (v) => isObject(v) && Object.values(v).every((x) => isObject(x) && Object.values(x).every((b) => isList(b, isInteger)))],
              ["pool", (v) => isList(v, (e) => isObject(e) && isString(e.pid) && isObject(e.attributes) && Object.values(e.attributes).every(isString))],
              ["poolDigest", isString],
              ["algorithm", isString],
              ["lottery", (v) => isList(v, (line) => isList(line, isString))],
              ["lotteryDigest", isString],
              ["beacon", isString],
              ["seed", isString],
              ["panelIndex", isInteger],
              ["panel", (v) => isList(v, isString)],
              ["reserves", (v) => isList(v, isString)],
              ["probabilities", (v) => isObject(v) && Object.values(v).every((x) => typeof x === "number")],
              ["preparedAt", isString],
              ["finalizedAt", isString],
            ];
            for (const [key, fits] of shape) if (!fits(r[key])) return key;
            if (r.termsDigest != null && !isString(r.termsDigest)) return "termsDigest";
            if (r.eventId != null && !isInteger(r.eventId) && !isString(r.eventId)) return "eventId";
            const isJoint = (j) => isObject(j) && ["feature1", "value1", "feature2", "value2"].every((k) => isString(j[k])) && isInteger(j.min) && isInteger(j.max);
            if (r.jointQuotas != null && !isList(r.jointQuotas, isJoint)) return "jointQuotas";
            return null;
          }

          // MARK: the page

          const summary = document.getElementById("verify-summary");
          const quotaBody = document.querySelector("#quota-table tbody");
          const rows = Array.from(root.querySelectorAll("li.step"));

          function nodes(detail) {
            const list = detail === undefined || detail === null ? [] : Array.isArray(detail) ? detail : [detail];
            return list.map((part) => {
              if (typeof part === "string") return document.createTextNode(part);
              const code = document.createElement("code");
              code.textContent = part.code;
              return code;
            });
          }

          function setRow(id, state, detail) {
            const row = document.getElementById("check-" + id);
            if (!row) return;
            row.className = "step " + state;
            row.querySelector(".badge").textContent = text(state);
            row.querySelector(".detail").replaceChildren(...nodes(detail));
          }

          function setSummary(state, message) {
            summary.className = "verdict " + state;
            summary.textContent = message;
          }

          function pair(computed, recorded, same) {
            const parts = [text("computed") + ": ", { code: computed }];
            if (!same) parts.push("; " + text("recorded") + ": ", { code: recorded === undefined || recorded === null ? "—" : String(recorded) });
            return parts;
          }

          function firstDifference(a, b) {
            const n = Math.min(a.length, b.length);
            for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
            return a.length === b.length ? null : n;
          }

          function listDifference(computed, recorded) {
            const i = firstDifference(computed, recorded);
            if (computed.length !== recorded.length) return text("count-differs", { a: computed.length, b: recorded.length });
            return [text("differs-at", { i: i + 1 }) + ": ", ...pair(computed[i], recorded[i], false)];
          }

          function problemList(problems) {
            const shown = problems.slice(0, MAX_PROBLEMS).join("; ");
            return problems.length > MAX_PROBLEMS ? shown + "; " + text("more", { n: problems.length - MAX_PROBLEMS }) : shown;
          }

          function quotaRow(group, bounds, range, panelSeats, met) {
            const tr = document.createElement("tr");
            tr.className = met ? "passed" : "failed";
            for (const value of [group, bounds, range, panelSeats]) {
              const td = document.createElement("td");
              // A group is given in parts (`district=`, `pudong`) so that a narrow column breaks between them.
              for (const part of Array.isArray(value) ? value : [value]) {
                const span = document.createElement("span");
                span.textContent = part;
                td.appendChild(span);
              }
              tr.appendChild(td);
            }
            const status = document.createElement("td");
            const badge = document.createElement("span");
            badge.className = "badge";
            badge.textContent = text(met ? "quota-met" : "quota-broken");
            status.appendChild(badge);
            tr.appendChild(status);
            quotaBody.appendChild(tr);
          }

          // Runs every check; returns how many were made and how many failed.
          async function checkRecord(r) {
            let made = 0;
            let failed = 0;
            const check = (id, passed, detail) => {
              mark(id);
              made++;
              if (!passed) failed++;
              setRow(id, passed ? "passed" : "failed", detail);
            };
            const start = async (id) => {
              setRow(id, "running");
              await pause();
            };

            check("protocol", r.protocol === PROTOCOL, [text("recorded") + ": ", { code: r.protocol }]);

            const pids = r.pool.map((e) => e.pid);
            const poolSet = new Set(pids);
            let duplicate = null;
            if (poolSet.size !== pids.length) {
              const seen = new Set();
              duplicate = pids.find((p) => (seen.has(p) ? true : (seen.add(p), false)));
            }
            check("pool", duplicate === null, duplicate === null ? text("pool-summary", { n: pids.length }) : text("duplicate", { pid: duplicate }));

            await start("poolDigest");
            const poolDigest = await sha256Hex(await poolText(r.pool));
            check("poolDigest", poolDigest === r.poolDigest, pair(poolDigest, r.poolDigest, poolDigest === r.poolDigest));

            await start("lotteryDigest");
            const lotteryDigest = await sha256Hex(lotteryText(r.lottery));
            check("lotteryDigest", lotteryDigest === r.lotteryDigest, pair(lotteryDigest, r.lotteryDigest, lotteryDigest === r.lotteryDigest));

            await start("termsDigest");
            const termsDigest = await sha256Hex(termsText(r));
            check("termsDigest", termsDigest === r.termsDigest, pair(termsDigest, r.termsDigest, termsDigest === r.termsDigest));

            if (data.publishedPool) {
              const recordedId = r.eventId === null || r.eventId === undefined ? "" : String(r.eventId);
              const wanted = [
                [text("event-id"), data.eventId, recordedId],
                ["poolDigest", data.publishedPool, r.poolDigest],
                ["lotteryDigest", data.publishedLottery, r.lotteryDigest],
                ["termsDigest", data.publishedTerms, r.termsDigest],
              ];
              if (data.publishedSeed) {
                wanted.push(["beacon", data.publishedBeacon, r.beacon], ["seed", data.publishedSeed, r.seed], ["panelIndex", data.publishedIndex, String(r.panelIndex)]);
              }
              const wrong = wanted.find((entry) => entry[1] !== entry[2]);
              check("published", !wrong, wrong
                ? text("not-published", { field: wrong[0], a: wrong[1], b: wrong[2] === undefined ? "—" : wrong[2] })
                : text("event-id") + " " + data.eventId);
            } else {
              setRow("published", "skipped", text("no-commitment"));
            }

            const prepared = Date.parse(r.preparedAt);
            const finalized = Date.parse(r.finalizedAt);
            const inOrder = !Number.isNaN(prepared) && !Number.isNaN(finalized) && finalized >= prepared;
            check("finalizedAt", inOrder, text(inOrder ? "times" : "bad-time", { p: r.preparedAt, f: r.finalizedAt }));

            await start("seed");
            const seed = await sha256(encoder.encode(PROTOCOL + "\n" + lotteryDigest + "\n" + r.beacon));
            const seedHex = hex(seed);
            check("seed", seedHex === r.seed, pair(seedHex, r.seed, seedHex === r.seed));

            await start("panelIndex");
            const stream = new Stream(seed);
            const index = r.lottery.length > 0 ? await stream.uniform(r.lottery.length) : null;
            if (index === null) {
              check("panelIndex", false, text("empty-lottery"));
              check("panel", false, text("empty-lottery"));
              check("reserves", false, text("empty-lottery"));
            } else {
              check("panelIndex", index === r.panelIndex, pair(String(index), r.panelIndex, index === r.panelIndex));
              const panel = sortBytes(r.lottery[index].slice());
              const panelDiffers = firstDifference(panel, r.panel) !== null;
              check("panel", !panelDiffers, panelDiffers ? listDifference(panel, r.panel) : text("line", { i: index }) + ": " + text("pool-summary", { n: panel.length }));

              await start("reserves");
              const onPanel = new Set(panel);
              const reserves = sortBytes(Array.from(poolSet).filter((p) => !onPanel.has(p)));
              await pause();
              for (let i = reserves.length - 1; i >= 1; ) {
                if (i % ITEMS_PER_PAUSE === 0) await pause();
                const j = stream.tryUniform(i + 1);
                if (j === null) {
                  await stream.fill(BLOCKS_PER_CHUNK);
                  continue;
                }
                const swap = reserves[i];
                reserves[i] = reserves[j];
                reserves[j] = swap;
                i--;
              }
              const reservesDiffer = firstDifference(reserves, r.reserves) !== null;
              check("reserves", !reservesDiffer, reservesDiffer ? listDifference(reserves, r.reserves) : text("reserve-summary", { n: reserves.length }));
            }

            await start("probabilities");
            // pid → position in the pool (the last one when a pid is repeated, as in Swift's dictionary).
            const indexOf = new Map();
            pids.forEach((p, i) => indexOf.set(p, i));
            const counts = new Int32Array(pids.length);
            for (const line of r.lottery) {
              for (const p of line) {
                const i = indexOf.get(p);
                if (i !== undefined) counts[i]++;
              }
            }
            const m = Math.max(1, r.lottery.length);
            let wrong = null;
            let lowest = Infinity;
            let highest = -Infinity;
            for (const [p, i] of indexOf) {
              const expected = counts[i] / m;
              lowest = Math.min(lowest, expected);
              highest = Math.max(highest, expected);
              const recorded = own(r.probabilities, p) ? r.probabilities[p] : undefined;
              if (wrong === null && recorded !== expected) wrong = { pid: p, p: recorded === undefined ? "—" : recorded, q: expected };
            }
            const extra = Object.keys(r.probabilities).find((p) => !indexOf.has(p));
            check("probabilities", wrong === null && extra === undefined,
              wrong !== null ? text("probability-wrong", wrong)
                : extra !== undefined ? text("probability-extra", { pid: extra })
                : text("probability-summary", { n: indexOf.size, min: lowest, max: highest }));

            await start("quotas");
            const problems = [];
            const names = sortBytes(Object.keys(r.quotas));
            const quotas = [];
            for (const name of names) {
              for (const value of sortBytes(Object.keys(r.quotas[name]))) {
                const bounds = r.quotas[name][value];
                const valid = bounds.length === 2 && bounds[0] <= bounds[1] && bounds[0] >= 0;
                if (!valid) problems.push(text("bad-bounds", { q: name + "=" + value }));
                quotas.push({ group: [name + "=", value], name, value, bounds, valid, lowest: Infinity, highest: -Infinity, met: valid });
              }
            }
            for (const j of r.jointQuotas || []) {
              quotas.push({ group: [j.feature1 + "=", j.value1 + " × ", j.feature2 + "=", j.value2], joint: j, bounds: [j.min, j.max], valid: true, lowest: Infinity, highest: -Infinity, met: true });
            }
            if (r.lottery.length === 0) problems.push(text("empty-lottery"));
            // The quotas each person counts towards, so that a line is tallied in one pass over its people.
            const byValue = new Map();
            quotas.forEach((q, k) => {
              if (!q.joint) byValue.set(q.name + "\u0000" + q.value, k);
            });
            const joints = [];
            quotas.forEach((q, k) => {
              if (q.joint) joints.push([q.joint, k]);
            });
            const memberships = r.pool.map((e) => {
              const list = [];
              for (const name of names) {
                if (!own(e.attributes, name)) continue;
                const k = byValue.get(name + "\u0000" + e.attributes[name]);
                if (k !== undefined) list.push(k);
              }
              for (const [j, k] of joints) {
                if (own(e.attributes, j.feature1) && e.attributes[j.feature1] === j.value1 && own(e.attributes, j.feature2) && e.attributes[j.feature2] === j.value2) list.push(k);
              }
              return list;
            });
            const tally = (line) => {
              const seats = new Int32Array(quotas.length);
              for (const p of line) {
                const i = indexOf.get(p);
                if (i !== undefined) for (const k of memberships[i]) seats[k]++;
              }
              return seats;
            };
            for (let i = 0; i < r.lottery.length; i++) {
              const line = r.lottery[i];
              if (line.length !== r.panelSize) problems.push(text("bad-size", { i, n: line.length, k: r.panelSize }));
              if (new Set(line).size !== line.length) problems.push(text("twice", { i }));
              const stranger = line.find((p) => !poolSet.has(p));
              if (stranger !== undefined) problems.push(text("not-in-pool", { i, pid: stranger }));
              const seats = tally(line);
              quotas.forEach((q, k) => {
                if (!q.valid) return;
                const n = seats[k];
                q.lowest = Math.min(q.lowest, n);
                q.highest = Math.max(q.highest, n);
                if (n < q.bounds[0] || n > q.bounds[1]) {
                  q.met = false;
                  problems.push(text("quota-breach", { i, q: q.group.join(""), n, min: q.bounds[0], max: q.bounds[1] }));
                }
              });
              if (i % LINES_PER_PAUSE === LINES_PER_PAUSE - 1) await pause();
            }
            const panelSeats = tally(r.panel);
            quotaBody.replaceChildren();
            quotas.forEach((q, k) => {
              const range = q.lowest === Infinity ? "—" : q.lowest === q.highest ? String(q.lowest) : q.lowest + "–" + q.highest;
              quotaRow(q.group, q.valid ? q.bounds[0] + "–" + q.bounds[1] : JSON.stringify(q.bounds), range, String(panelSeats[k]), q.met);
            });
            check("quotas", problems.length === 0, problems.length === 0 ? text("quota-summary", { m: r.lottery.length, q: quotas.length }) : problemList(problems));
            return { made, failed };
          }

          let busy = false;

          async function run(sourceKey, load) {
            if (busy) return;
            busy = true;
            const started = performance.now();
            const source = text(sourceKey);
            data.state = "running";
            delete data.result;
            for (const row of rows) setRow(row.id.slice("check-".length), "pending");
            quotaBody.replaceChildren();
            setSummary("running", text("checking"));
            try {
              if (!(window.crypto && crypto.subtle)) throw new Unreadable(text("no-crypto"));
              performance.clearMarks();
              mark("start");
              const raw = await load();
              mark("loaded");
              await pause();
              let record;
              try {
                record = JSON.parse(raw);
              } catch (error) {
                throw new Unreadable(text("not-json"));
              }
              mark("parsed");
              await pause();
              const missing = shapeProblem(record);
              if (missing !== null) throw new Unreadable(text("missing-key", { key: missing }));
              mark("shape");
              await pause();
              const outcome = await checkRecord(record);
              const seconds = ((performance.now() - started) / 1000).toFixed(2);
              data.seconds = seconds;
              data.result = outcome.failed === 0 ? "passed" : "failed";
              if (outcome.failed === 0) {
                setSummary("passed", text("all-passed", { source, n: outcome.made, s: seconds }));
              } else {
                setSummary("failed", text("some-failed", { source, n: outcome.failed }));
              }
            } catch (error) {
              data.result = "failed";
              setSummary("failed", text("unreadable", { source, reason: error instanceof Error ? error.message : String(error) }));
            } finally {
              data.state = "done";
              busy = false;
              summary.scrollIntoView({ block: "nearest" });
            }
          }

          async function loadSite() {
            const response = await fetch(data.recordUrl, { cache: "no-store", credentials: "same-origin" });
            if (!response.ok) throw new Unreadable(text("fetch-failed", { status: response.status }));
            return response.text();
          }

          async function loadOwn() {
            const file = document.getElementById("record-file").files[0];
            if (file) return file.text();
            const pasted = document.getElementById("record-text").value.trim();
            if (!pasted) throw new Unreadable(text("no-input"));
            return pasted;
          }

          document.getElementById("own-record").hidden = false;
          document.getElementById("check-own").addEventListener("click", () => run("source-own", loadOwn));
          if (data.recordUrl) {
            setSummary("running", text("loading"));
            run("source-site", loadSite);
          }
        })();

        """#

    static let bytes = Array(source.utf8)
}
