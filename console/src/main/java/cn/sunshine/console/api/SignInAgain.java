package cn.sunshine.console.api;

/** The session holds no usable access token (expired, or none): the person must sign in again. */
public class SignInAgain extends RuntimeException {

    public SignInAgain(String why) {
        super(why);
    }
}
