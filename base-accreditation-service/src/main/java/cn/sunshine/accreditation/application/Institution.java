package cn.sunshine.accreditation.application;

import java.util.List;

/** The applying institution: legal name, unified social credit code (GB 32100), address, division, contacts. */
public record Institution(String legalName, String creditCode, String address, String divisionCode,
                          List<Contact> contacts) {

    /** A contact person of the institution. */
    public record Contact(String name, String role, String phone) {
    }
}
