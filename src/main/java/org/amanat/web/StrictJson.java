package org.amanat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.CharacterCodingException;
import org.amanat.protocol.ProtocolJson;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/** The APIs read JSON as strictly as the protocol does: the same mapper settings, and the same UTF-8 decoding first. */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonMapper() {
        return builder -> builder.postConfigurer(ProtocolJson::strict);
    }

    /** Takes the place of Spring Boot's converter. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonConverter(ObjectMapper mapper) {
        return new Utf8JsonConverter(mapper);
    }

    /**
     * Decodes a request body with {@link ProtocolJson#utf8} and parses that text, never the bytes: Jackson's byte
     * parser would decode overlong UTF-8 forms, or guess UTF-16 and UTF-32. JSON is UTF-8 (RFC 8259), so another
     * declared charset is refused. Bodies are small: {@link RequestSizeLimitFilter} bounds them.
     */
    static final class Utf8JsonConverter extends MappingJackson2HttpMessageConverter {
        Utf8JsonConverter(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
            return readStrictly(getJavaType(type, contextClass), input);
        }

        @Override
        protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
            return readStrictly(getJavaType(clazz, null), input);
        }

        private Object readStrictly(JavaType type, HttpInputMessage input) throws IOException {
            MediaType contentType = input.getHeaders().getContentType();
            String charset = contentType == null ? null : contentType.getParameter("charset");
            String text;
            try {
                if (charset != null && !charset.equalsIgnoreCase("UTF-8")) {
                    throw new CharacterCodingException();
                }
                text = ProtocolJson.utf8(input.getBody().readAllBytes());
            } catch (CharacterCodingException e) {
                throw new HttpMessageNotReadableException("not UTF-8", e, input);
            }
            try {
                return getObjectMapper().readValue(text, type);
            } catch (JsonProcessingException e) {
                throw new HttpMessageNotReadableException("JSON parse error", e, input);
            }
        }
    }
}
