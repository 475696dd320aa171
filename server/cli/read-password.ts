import { createInterface } from 'node:readline';

/**
 * A password from the person at the terminal (typed twice, not echoed), or —
 * when standard input is not a terminal — the first line of standard input.
 */
export async function readPassword(input: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string> {
  if (!input.isTTY) return firstLine(input);
  const password = await promptHidden(input, output, 'Password: ');
  const again = await promptHidden(input, output, 'Password again: ');
  if (password !== again) throw new Error('the two passwords differ');
  return password;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C aborts. */
function promptHidden(input: NodeJS.ReadStream, output: NodeJS.WritableStream, question: string): Promise<string> {
  // Echo goes off before the prompt shows, so nothing typed after it is ever echoed.
  input.setRawMode(true);
  output.write(question);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}
