// A stand-in for a provider's login CLI, for the child-process driver's tests. It runs the
// actions given as arguments, in order:
//   say=<text>          print a line on stdout        err=<text>   print a line on stderr
//   pid                 print "pid <its pid>"
//   grandchild          start a grandchild (same process group); print "grandchild <pid>"
//   stubborn-grandchild the same, but the grandchild ignores SIGTERM
//   piped-grandchild    the same, but the grandchild holds this process's stdout and stderr
//   ignore-term         ignore SIGTERM from now on
//   await-paste         read one stdin line; print its state and the raw line
//   sleep=<ms>          wait                          exit=<status> exit now
//   hang                stay alive forever
// Without exit= or hang it exits with status 0 after the last action.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const keepAlive = () => setInterval(() => {}, 1 << 30);
const lines = createInterface({ input: process.stdin });
const pastes = [];
const waiting = [];
lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()(line) : pastes.push(line)));
const nextPaste = () =>
  pastes.length > 0 ? Promise.resolve(pastes.shift()) : new Promise((r) => waiting.push(r));

function startGrandchild(stubborn, piped = false) {
  const code = `${stubborn ? "process.on('SIGTERM', () => {});" : ''} setInterval(() => {}, 1 << 30);`;
  const stdio = piped ? ['ignore', 'inherit', 'inherit'] : 'ignore';
  const grandchild = spawn(process.execPath, ['-e', code], { stdio });
  console.log(`grandchild ${grandchild.pid}`);
}

for (const action of process.argv.slice(2)) {
  const [name, ...rest] = action.split('=');
  const value = rest.join('=');
  if (name === 'say') console.log(value);
  else if (name === 'err') console.error(value);
  else if (name === 'pid') console.log(`pid ${process.pid}`);
  else if (name === 'grandchild') startGrandchild(false);
  else if (name === 'stubborn-grandchild') startGrandchild(true);
  else if (name === 'piped-grandchild') startGrandchild(false, true);
  else if (name === 'ignore-term') process.on('SIGTERM', () => {});
  else if (name === 'sleep') await new Promise((r) => setTimeout(r, Number(value)));
  else if (name === 'await-paste') {
    const pasted = await nextPaste();
    const state = new URL(pasted).searchParams.get('state');
    console.log(`got callback state=${state}`);
    console.log(`debug: callback ${pasted}`);
  } else if (name === 'exit') process.exit(Number(value));
  else if (name === 'hang') {
    keepAlive();
    break;
  } else throw new Error(`fake-cli: unknown action ${action}`);
}
if (!process.argv.includes('hang')) process.exit(0);
