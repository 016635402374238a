function popup() { var n = Reflect.ownKeys(Object('x'.repeat(1e6))).length; return { onAnswer: 'https://x.example/?' + n }; }
