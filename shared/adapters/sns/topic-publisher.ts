import { PublishCommand, type PublishCommandInput, type SNSClient } from '@aws-sdk/client-sns';

/** Publishes each item to one topic, as the given function shapes its message. */
export function topicPublisher<T>(
  client: SNSClient,
  topicArn: string,
  shape: (item: T) => Omit<PublishCommandInput, 'TopicArn'>,
): { publish(item: T): Promise<void> } {
  return {
    async publish(item) {
      await client.send(new PublishCommand({ TopicArn: topicArn, ...shape(item) }));
    },
  };
}
