function popup(call) { return { onAnswer: 'https://crm.example/?q=' + String.fromCharCode.apply(null, call.CALL_POPUPINFO.map(Number)) }; }
