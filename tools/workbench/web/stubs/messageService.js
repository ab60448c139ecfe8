// lightning/messageService: an in-page channel bus.
const subscribers = new Map();
export const APPLICATION_SCOPE = "APPLICATION_SCOPE";
export class MessageContext {
    constructor(dataCallback) {
        dataCallback({});
    }
    connect() {}
    update() {}
    disconnect() {}
}
export function publish(context, channel, message) {
    for (const s of subscribers.get(channel.channel) || []) s(message);
}
export function subscribe(context, channel, listener) {
    const list = subscribers.get(channel.channel) || [];
    list.push(listener);
    subscribers.set(channel.channel, list);
    return { channel: channel.channel, listener };
}
export function unsubscribe(subscription) {
    const list = subscribers.get(subscription.channel) || [];
    subscribers.set(
        subscription.channel,
        list.filter((l) => l !== subscription.listener)
    );
}
