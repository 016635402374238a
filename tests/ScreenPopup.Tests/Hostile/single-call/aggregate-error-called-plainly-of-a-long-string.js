function popup() { var n = AggregateError('x'.repeat(1e6), 'm').errors.length; return { onAnswer: 'https://x.example/?' + n }; }
