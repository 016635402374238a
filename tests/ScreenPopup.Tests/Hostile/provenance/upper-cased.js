function popup(call) { return { onAnswer: 'https://crm.example/?q=' + call.CALL_CHANNELDESCRIPTION.toUpperCase() }; }
