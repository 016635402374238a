function popup() { var long = { length: 1e9 }; long[Symbol.iterator] = [][Symbol.iterator]; Promise.all(new Proxy(long, {})); return { onAnswer: 'https://x.example/' }; }
