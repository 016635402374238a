function popup() { var n = Object.keys(new Proxy(new String('x'.repeat(1e6)), {})).length; return { onAnswer: 'https://x.example/?' + n }; }
