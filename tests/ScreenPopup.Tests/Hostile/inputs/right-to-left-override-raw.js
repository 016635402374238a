function popup(call) { return { onAnswer: 'https://crm.example/' + call.CALL_CLI }; }
