function popup(call) { return { onAnswer: 'https://crm.example/?u={$USERNAME}&q=' + call.CALL_CLI }; }
