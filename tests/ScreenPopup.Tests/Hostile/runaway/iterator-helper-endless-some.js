function popup() { return { onAnswer: 'https://x.example/?' + Array.prototype.keys.call({ length: Math.pow(2, 53) - 1 }).some(Array.isArray) }; }
