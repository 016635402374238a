function popup(call) { return { onAnswer: 'https://crm.example/?i=' + call.CALL_POPUPINFO.join(',') }; }
