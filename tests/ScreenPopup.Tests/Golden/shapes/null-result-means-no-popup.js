function popup(call) { return call.CALL_CLI === 'anonymous' ? null : { onAnswer: 'https://crm.example/' }; }
