package io.learnhub.gateway.routing;

import java.util.function.LongFunction;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Buffers a response body up to a limit. Past it, the call fails with the exception the factory
 * makes (the web client then resets the request) and nothing more is kept, so a runaway upstream
 * costs the gateway at most {@code limit} bytes of memory per call.
 */
final class BoundedBodyCodec implements BodyCodec<Buffer> {

    private final long limit;
    private final LongFunction<RuntimeException> tooLarge;

    BoundedBodyCodec(long limit, LongFunction<RuntimeException> tooLarge) {
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> handler) {
        handler.handle(Future.succeededFuture(new BoundedStream()));
    }

    private final class BoundedStream implements BodyStream<Buffer> {

        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();
        private Handler<Throwable> exceptionHandler;

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            return this;
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().isComplete()) {
                return Future.succeededFuture(); // over the limit already: drained, not kept
            }
            if (body.length() + data.length() > limit) {
                RuntimeException failure = tooLarge.apply(limit);
                result.tryFail(failure);
                if (exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
                return Future.succeededFuture();
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                handler.handle(written);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(body);
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
