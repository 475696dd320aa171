/** Server-sent events read from a streaming response, for the tests of the live streams. */

/** Reads server-sent events one at a time, as an EventSource hands them over. */
export function eventReader(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const ready: Array<{ event: string; data: any }> = [];
  let buffer = '';
  return {
    async next(): Promise<{ event: string; data: any }> {
      while (ready.length === 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) ready.push({ event, data: JSON.parse(data) });
        }
      }
      return ready.shift()!;
    },
    close: () => reader.cancel(),
  };
}
