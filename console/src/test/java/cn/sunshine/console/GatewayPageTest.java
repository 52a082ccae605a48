package cn.sunshine.console;

import cn.sunshine.console.api.Gateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The layer supertype of the pages' tests with the gateway played by a mock: the whole console with the test
 * profile, driven through MockMvc. Every subclass shares the one Spring context (same configuration, same mock).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
public abstract class GatewayPageTest {

    @Autowired
    protected MockMvc mvc;

    @MockitoBean
    protected Gateway gateway;
}
