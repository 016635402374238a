function popup() { var n = new AggregateError('x'.repeat(1e6)[Symbol.iterator]()).errors.length; return { onAnswer: 'https://x.example/?' + n }; }
