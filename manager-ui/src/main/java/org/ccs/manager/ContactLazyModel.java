package org.ccs.manager;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.faces.view.ViewScoped;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.ccs.server.contact.ContactQueries;
import org.ccs.server.contact.ContactSummary;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** Contact records for the Manager's table, loaded a page at a time (never the whole table). */
@Named("contactModel")
@ViewScoped
public class ContactLazyModel extends LazyDataModel<ContactSummary> implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ContactQueries contacts;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, contacts.count());
    }

    @Override
    public List<ContactSummary> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        return contacts.latest(first, Math.min(pageSize, ContactQueries.MAX_PAGE));
    }

    @Override
    public String getRowKey(ContactSummary contact) {
        return Long.toString(contact.id());
    }

    @Override
    public ContactSummary getRowData(String rowKey) {
        return null;
    }
}
