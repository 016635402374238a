function popup(call) { var s = call.CALL_CHANNELDATA; var n = [BigInt('0b' + s), BigInt('0b' + s), BigInt('0b' + s), BigInt('0b' + s)]; return { onAnswer: 'https://crm.example/?' + n.length }; }
