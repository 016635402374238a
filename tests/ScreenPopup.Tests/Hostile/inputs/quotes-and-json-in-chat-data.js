function popup(call) { var d = JSON.parse(call.CALL_CHANNELDATA); return { onAnswer: 'https://crm.example/?name=' + encodeURIComponent(d.name) }; }
