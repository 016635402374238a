function popup() { return { onAnswer: 'https://crm.example/?' + typeof System + typeof importNamespace + typeof require }; }
