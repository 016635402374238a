function popup(call) { return { onAnswer: 'https://crm.example/?cli=' + call.CALL_CLI }; }
